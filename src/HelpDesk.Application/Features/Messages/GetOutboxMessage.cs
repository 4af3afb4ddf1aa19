using HelpDesk.Domain.Messages;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Messages;

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
