using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Persistence.Seeding;

namespace HelpDesk.Application.Features.Responses;

/// <summary>
/// A canned response with the case's values in, for the composer's text: filled with the very values the
/// reply email fills, by the one template renderer, so what the agent sees is what the customer gets.
/// Null when the response does not exist or is retired.
/// </summary>
public static class FillCannedResponse
{
    public sealed record Query(string Reference, int ResponseId) : IQuery<string?>;

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser user) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (ReferenceNumber.Read(query.Reference) is not { IsValid: true } reading)
            {
                throw new CaseNotFoundException(query.Reference);
            }

            var reference = reading.Reference!.Value.ToString();
            var found = await db.Complaints.AsNoTracking()
                .Where(c => c.Reference == reference)
                .Select(c => new
                {
                    c.Reference,
                    c.Customer.Name,
                    c.Subject,
                    Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new CaseNotFoundException(reference);
            var response = await db.CannedResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.ResponseId && r.RetiredAt == null, cancellationToken);
            return response?.Fill(ReplyToCustomer.ReplyValues(found.Reference, found.Name, found.Subject, found.Department ?? DatabaseSeeder.DefaultDepartment, user.Actor.DisplayName));
        }
    }
}
