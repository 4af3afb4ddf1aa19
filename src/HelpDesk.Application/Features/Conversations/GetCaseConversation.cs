using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Conversations;

/// <summary>
/// A case's conversation as staff read it, oldest first: every message with who wrote it, how it came
/// or went, when, what was new in it, and its files; those the customer never sees marked internal.
/// </summary>
public static class GetCaseConversation
{
    public sealed record Query(string Reference) : IQuery<IReadOnlyList<Message>>;

    public sealed record Message(
        long Id,
        MessageAuthor Author,
        MessageChannel Channel,
        DateTimeOffset At,
        string? FromName,
        string? FromAddress,
        string Subject,
        string Text,
        string FullText,
        string? Refused,
        IReadOnlyList<Attachment> Attachments)
    {
        public bool Internal => Author is not (MessageAuthor.Customer or MessageAuthor.Staff);

        /// <summary>Quoted history was trimmed from what is shown: the whole text can be opened.</summary>
        public bool HasMore => !string.Equals(Text, FullText, StringComparison.Ordinal);

        /// <summary>"Aisha Khan &lt;aisha@example.com&gt;", "Alex Agent (staff)", or whatever is known.</summary>
        public string Who => Author == MessageAuthor.Staff
            ? $"{FromName ?? "Staff"} (staff)"
            : (FromName, FromAddress) switch
            {
                ({ } name, { } address) => $"{name} <{address}>",
                (null, { } address) => address,
                ({ } name, null) => name,
                _ => "Unknown sender",
            };
    }

    public sealed record Attachment(long Id, string FileName, string ContentType, long Length)
    {
        public string Described => CaseAttachment.Describe(FileName, Length);
    }

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Message>>
    {
        public async ValueTask<IReadOnlyList<Message>> Handle(Query query, CancellationToken cancellationToken)
        {
            var reading = ReferenceNumber.Read(query.Reference);
            if (!reading.IsValid)
            {
                return [];
            }

            var reference = reading.Reference!.Value.ToString();
            return await db.CaseMessages.AsNoTracking()
                .Where(m => db.Complaints.Any(c => c.Id == m.ComplaintId && c.Reference == reference))
                .OrderBy(m => m.At).ThenBy(m => m.Id)
                .Select(m => new Message(m.Id, m.Author, m.Channel, m.At, m.FromName, m.FromAddress, m.Subject, m.Text, m.FullText, m.Refused,
                    m.Attachments.OrderBy(a => a.Id).Select(a => new Attachment(a.Id, a.FileName, a.ContentType, a.Length)).ToList()))
                .ToListAsync(cancellationToken);
        }
    }
}
