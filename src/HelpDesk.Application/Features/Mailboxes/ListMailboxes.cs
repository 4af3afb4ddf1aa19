using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>The mailboxes HelpDesk reads: where, for which department, whether reading, how the last read went and what it has handled.</summary>
public static class ListMailboxes
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    /// <param name="Handled">Messages handled (one receipt each).</param>
    /// <param name="SetAside">Messages that failed <see cref="MailReceipt.MaxAttempts"/> times and were moved to <see cref="Mailbox.FailedFolder"/>.</param>
    public sealed record Item(
        int Id, string Name, string Host, int Port, MailboxSecurity Security, string Folder, string Department, bool IsActive,
        DateTimeOffset? LastReadAt, string? LastError, DateTimeOffset? LastErrorAt, int Handled, int SetAside);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Mailboxes
                .AsNoTracking()
                .OrderBy(m => m.Name)
                .Select(m => new Item(
                    m.Id, m.Name, m.Host, m.Port, m.Security, m.Folder,
                    db.Departments.Where(d => d.Id == m.DepartmentId).Select(d => d.Name).Single(),
                    m.IsActive, m.LastReadAt, m.LastError, m.LastErrorAt,
                    db.MailReceipts.Count(r => r.MailboxId == m.Id),
                    db.MailFailures.Count(f => f.MailboxId == m.Id && f.SetAsideAt != null)))
                .ToListAsync(cancellationToken);
    }
}
