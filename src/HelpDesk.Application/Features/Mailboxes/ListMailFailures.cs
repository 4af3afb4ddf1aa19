namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// The messages of a mailbox that could not be handled, with the reason, for its page: those still
/// retried and those set aside in HelpDesk/Failed (docs/email.md, "Reading"). A message that failed
/// and was handled on a later try is not listed.
/// </summary>
public static class ListMailFailures
{
    public sealed record Query(int MailboxId) : IQuery<IReadOnlyList<Item>>;

    /// <param name="SetAsideAt">When it was moved to HelpDesk/Failed; null while it is still tried again.</param>
    public sealed record Item(string MessageKey, string? Subject, string? Sender, int Attempts, string Error, DateTimeOffset LastAttemptAt, DateTimeOffset? SetAsideAt);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.MailboxId).GreaterThan(0);
    }

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await For(db, query.MailboxId).ToListAsync(cancellationToken);
    }

    /// <summary>The one rule for which failures a mailbox's page lists, latest first; its edit page reads it too.</summary>
    internal static IQueryable<Item> For(HelpDeskDbContext db, int mailboxId) =>
        db.MailFailures
            .AsNoTracking()
            .Where(f => f.MailboxId == mailboxId
                && !db.MailReceipts.Any(r => r.MailboxId == f.MailboxId && r.MessageKey == f.MessageKey))
            .OrderByDescending(f => f.LastAttemptAt)
            .Select(f => new Item(f.MessageKey, f.Subject, f.Sender, f.Attempts, f.Error, f.LastAttemptAt, f.SetAsideAt));
}
