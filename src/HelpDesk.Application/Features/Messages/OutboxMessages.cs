using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Messages;
using Mediator;
using Microsoft.EntityFrameworkCore;
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

/// <summary>One message as it would be (or was) sent: its headers, both bodies and every attempt; null if there is none.</summary>
public static class GetOutboxMessage
{
    public sealed record Query(Guid Id) : IQuery<Details?>;

    public sealed record Attempt(DateTimeOffset At, DeliveryOutcome Outcome, string? Error, string? Worker);

    public sealed record Details(
        Guid Id, string MessageId, string From, string RecipientAddress, string? RecipientName, string Subject, string TextBody, string HtmlBody,
        string TemplateKey, string? CaseReference, OutboxStatus Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt,
        DateTimeOffset? SentAt, string? LastError, IReadOnlyList<Attempt> History, bool SmtpConfigured);

    internal sealed class Handler(HelpDeskDbContext db, IOptions<SmtpOptions> smtp) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken)
        {
            var from = $"{smtp.Value.SenderName} <{smtp.Value.SenderAddress}>";
            return await db.OutboxMessages.AsNoTracking()
                .Where(m => m.Id == query.Id)
                .Select(m => new Details(
                    m.Id, m.MessageId, from, m.RecipientAddress, m.RecipientName, m.Subject, m.TextBody, m.HtmlBody, m.TemplateKey,
                    db.Complaints.Where(c => c.Id == m.CaseId).Select(c => c.Reference).FirstOrDefault(),
                    m.Status, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.SentAt, m.LastError,
                    m.DeliveryAttempts.OrderByDescending(a => a.AttemptedAt).ThenByDescending(a => a.Id).Select(a => new Attempt(a.AttemptedAt, a.Outcome, a.Error, a.Worker)).ToList(),
                    smtp.Value.IsConfigured))
                .SingleOrDefaultAsync(cancellationToken);
        }
    }
}

/// <summary>An administrator sends a given-up message again, with a fresh set of attempts.</summary>
public static class RetryOutboxMessage
{
    public sealed record Command(Guid Id) : ICommand<bool>;

    internal sealed class Handler(HelpDeskDbContext db, TimeProvider time, OutboxSignal signal) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
            if (message is null)
            {
                return false;
            }

            message.Retry(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            signal.Wake();
            return true;
        }
    }
}
