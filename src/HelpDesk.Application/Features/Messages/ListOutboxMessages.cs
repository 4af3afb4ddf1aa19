using HelpDesk.Domain.Messages;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Messages;

/// <summary>The outbox for administrators: newest first, filtered by status, a page at a time.</summary>
public static class ListOutboxMessages
{
    public const int PageSize = 50;

    /// <summary>The last page whose offset fits the query's row count; any page past the messages is simply empty.</summary>
    public const int MaxPage = int.MaxValue / PageSize;

    public sealed record Query(OutboxStatus? Status, int Page = 1) : IQuery<Result>;

    public sealed record Item(Guid Id, string RecipientAddress, string? RecipientName, string Subject, string TemplateKey, OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? SentAt, string? LastError);

    public sealed record Result(IReadOnlyList<Item> Items, IReadOnlyDictionary<OutboxStatus, int> Counts, int Page, bool HasMore, bool SmtpConfigured);

    internal sealed class Handler(HelpDeskDbContext db, IOptions<SmtpOptions> smtp) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var page = Math.Clamp(query.Page, 1, MaxPage);
            var messages = db.OutboxMessages.AsNoTracking();
            if (query.Status is { } status)
            {
                messages = messages.Where(m => m.Status == status);
            }

            var items = await messages
                .OrderByDescending(m => m.CreatedAt).ThenBy(m => m.Id)
                .Skip((page - 1) * PageSize).Take(PageSize + 1)
                .Select(m => new Item(m.Id, m.RecipientAddress, m.RecipientName, m.Subject, m.TemplateKey, m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError))
                .ToListAsync(cancellationToken);
            var counts = await db.OutboxMessages.AsNoTracking().GroupBy(m => m.Status)
                .Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            return new Result(items.Take(PageSize).ToList(), counts, page, items.Count > PageSize, smtp.Value.IsConfigured);
        }
    }
}
