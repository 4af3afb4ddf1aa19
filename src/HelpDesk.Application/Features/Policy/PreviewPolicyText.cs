namespace HelpDesk.Application.Features.Policy;

/// <summary>The policy's Markdown as readers will see it, before it is published.</summary>
public static class PreviewPolicyText
{
    public sealed record Query(string? Body) : IQuery<string>;

    internal sealed class Handler : IQueryHandler<Query, string>
    {
        public ValueTask<string> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PolicyMarkdown.ToSafeHtml(query.Body));
    }
}
