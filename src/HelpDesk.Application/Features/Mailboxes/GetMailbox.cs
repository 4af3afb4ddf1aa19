using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// One mailbox as its edit page shows it: the fields (never the password), how the last read went,
/// and the messages that failed, with why: those set aside in <see cref="Mailbox.FailedFolder"/> and
/// those still being retried. Null when there is no such mailbox.
/// </summary>
public static class GetMailbox
{
    public sealed record Query(int Id) : IQuery<Details?>;

    public sealed record Details(
        int Id, MailboxFields Fields, bool IsActive, DateTimeOffset? LastReadAt, string? LastError, DateTimeOffset? LastErrorAt, IReadOnlyList<ListMailFailures.Item> Failures);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken)
        {
            var mailbox = await db.Mailboxes
                .AsNoTracking()
                .Where(m => m.Id == query.Id)
                .Select(m => new
                {
                    m.Id,
                    Fields = new MailboxFields
                    {
                        Name = m.Name,
                        Host = m.Host,
                        Port = m.Port,
                        Security = m.Security,
                        UserName = m.UserName,
                        Folder = m.Folder,
                        DepartmentId = m.DepartmentId,
                        ComplaintTypeId = m.ComplaintTypeId,
                        ReplyAddress = m.ReplyAddress,
                    },
                    m.IsActive,
                    m.LastReadAt,
                    m.LastError,
                    m.LastErrorAt,
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (mailbox is null)
            {
                return null;
            }

            var failures = await ListMailFailures.For(db, query.Id).ToListAsync(cancellationToken);
            return new Details(mailbox.Id, mailbox.Fields, mailbox.IsActive, mailbox.LastReadAt, mailbox.LastError, mailbox.LastErrorAt, failures);
        }
    }
}
