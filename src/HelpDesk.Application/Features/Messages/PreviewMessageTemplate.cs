using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Messages;

/// <summary>
/// What the wording being edited would send, with made-up sample values: the editor's live preview.
/// Never throws for bad wording: it answers the problems instead, as the editor types.
/// </summary>
public static class PreviewMessageTemplate
{
    public sealed record Query(string Key, string? Subject, string? Body) : IQuery<Result?>;

    public sealed record Result(IReadOnlyList<string> Problems, RenderedMessage? Message);

    internal sealed class Handler : IQueryHandler<Query, Result?>
    {
        public ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (StandardMessages.Find(query.Key) is not { } message)
            {
                return ValueTask.FromResult<Result?>(null);
            }

            var problems = MessageTemplate.ProblemsWith(message, query.Subject, query.Body);
            var rendered = problems.Count == 0 ? RenderedMessage.From(query.Subject!, query.Body!, StandardMessages.SampleValues) : null;
            return ValueTask.FromResult<Result?>(new Result(problems, rendered));
        }
    }
}
