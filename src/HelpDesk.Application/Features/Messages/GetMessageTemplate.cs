using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Messages;

/// <summary>One message's wording and what it may insert, for its edit page; null for an unknown key.</summary>
public static class GetMessageTemplate
{
    public sealed record Query(string Key) : IQuery<Details?>;

    public sealed record Details(string Key, string Name, string Purpose, MessageAudience Audience, MessageMedium Medium, IReadOnlyList<string> Placeholders, string Subject, string Body, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (StandardMessages.Find(query.Key) is not { } message)
            {
                return null;
            }

            var stored = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == query.Key)
                .Select(t => new { t.Subject, t.Body, t.UpdatedAt, t.UpdatedBy })
                .SingleOrDefaultAsync(cancellationToken);
            return new Details(message.Key, message.Name, message.Purpose, message.Audience, message.Medium, message.Placeholders,
                stored?.Subject ?? message.Subject, stored?.Body ?? message.Body, stored?.UpdatedAt, stored?.UpdatedBy);
        }
    }
}
