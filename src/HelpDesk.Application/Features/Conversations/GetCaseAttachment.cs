namespace HelpDesk.Application.Features.Conversations;

/// <summary>
/// One file kept with a case, for staff to download (docs/email.md, "Attachments"): its safe name, the
/// type detected from its bytes, and the bytes. None when the case has no such file.
/// </summary>
public static class GetCaseAttachment
{
    public sealed record Query(string Reference, long Id) : IQuery<File?>;

    public sealed record File(string FileName, string ContentType, byte[] Content);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, File?>
    {
        public async ValueTask<File?> Handle(Query query, CancellationToken cancellationToken)
        {
            var reading = ReferenceNumber.Read(query.Reference);
            if (!reading.IsValid)
            {
                return null;
            }

            var reference = reading.Reference!.Value.ToString();
            return await db.CaseAttachments.AsNoTracking()
                .Where(a => a.Id == query.Id && db.Complaints.Any(c => c.Id == a.ComplaintId && c.Reference == reference))
                .Select(a => new File(a.FileName, a.ContentType, a.Content))
                .SingleOrDefaultAsync(cancellationToken);
        }
    }
}
