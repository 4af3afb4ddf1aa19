using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Messages;

/// <summary>Every message HelpDesk sends, for the administrators' list.</summary>
public static class ListMessageTemplates
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(string Key, string Name, string Purpose, MessageAudience Audience, MessageMedium Medium, string Subject, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var stored = await db.MessageTemplates.AsNoTracking()
                .Select(t => new { t.Key, t.Subject, t.UpdatedAt, t.UpdatedBy })
                .ToDictionaryAsync(t => t.Key, cancellationToken);
            return StandardMessages.All
                .Select(m => stored.TryGetValue(m.Key, out var t)
                    ? new Item(m.Key, m.Name, m.Purpose, m.Audience, m.Medium, t.Subject, t.UpdatedAt, t.UpdatedBy)
                    : new Item(m.Key, m.Name, m.Purpose, m.Audience, m.Medium, m.Subject, null, null))
                .ToList();
        }
    }
}
