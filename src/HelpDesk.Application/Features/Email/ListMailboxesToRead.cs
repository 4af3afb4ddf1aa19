using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Email;

/// <summary>
/// The active mailboxes, as the readers need them: where to connect and the protected password. A
/// reader runs for each; a mailbox whose item changes (a new server, password or folder) gets a new one.
/// </summary>
public static class ListMailboxesToRead
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    /// <param name="ProtectedPassword">As Data Protection keeps it; the reader unprotects it only to sign in.</param>
    public sealed record Item(int Id, MailboxServer Server, string ProtectedPassword);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Mailboxes
                .AsNoTracking()
                .Where(m => m.IsActive)
                .OrderBy(m => m.Id)
                .Select(m => new Item(m.Id, new MailboxServer(m.Host, m.Port, m.Security, m.UserName, m.Folder), m.ProtectedPassword))
                .ToListAsync(cancellationToken);
    }
}
