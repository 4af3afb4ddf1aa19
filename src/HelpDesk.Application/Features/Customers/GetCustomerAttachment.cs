using HelpDesk.Application.Features.Conversations;
using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// A file on the status page, for the customer signed in to that case (docs/public-forms.md, "The
/// status page"): only a file of a message the customer may see (their own, or a staff reply), never
/// one another sender or a machine sent. None when the case or file does not match.
/// </summary>
public static class GetCustomerAttachment
{
    public sealed record Query(string? Reference, string? Contact, long Id) : IQuery<GetCaseAttachment.File?>;

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, GetCaseAttachment.File?>
    {
        public async ValueTask<GetCaseAttachment.File?> Handle(Query query, CancellationToken cancellationToken)
        {
            var cases = db.Complaints.Owned(query.Reference, query.Contact);
            return await db.CaseAttachments.AsNoTracking()
                .Where(a => a.Id == query.Id
                    && cases.Any(c => c.Id == a.ComplaintId)
                    && db.CaseMessages.Where(CaseMessage.ShownToCustomer).Any(m => m.Id == a.CaseMessageId))
                .Select(a => new GetCaseAttachment.File(a.FileName, a.ContentType, a.Content))
                .SingleOrDefaultAsync(cancellationToken);
        }
    }
}
