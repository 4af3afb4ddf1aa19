namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// A customer opens the survey link from their email: whether the form can be shown. A previous
/// answer is never shown back, since whoever holds the link need not be whoever answered.
/// </summary>
public static class OpenSurvey
{
    public sealed record Query(string? Token) : IQuery<Survey>;

    public sealed record Survey(SurveyState State, string? Reference);

    internal sealed class Handler(HelpDeskDbContext db, SurveyInvitation invitation) : IQueryHandler<Query, Survey>
    {
        public async ValueTask<Survey> Handle(Query query, CancellationToken cancellationToken)
        {
            var ticket = invitation.Read(query.Token);
            if (ticket.Standing == SurveyLinkStanding.NotValid)
            {
                return new Survey(SurveyState.LinkNotValid, null);
            }

            var found = await db.Complaints.AsNoTracking()
                .Where(c => c.Reference == ticket.Reference)
                .Select(c => new { Answered = db.SurveyResponses.Any(r => r.ComplaintId == c.Id) })
                .SingleOrDefaultAsync(cancellationToken);
            return found switch
            {
                // A genuine token for a case since deleted reads like any other unusable link.
                null => new Survey(SurveyState.LinkNotValid, null),
                { Answered: true } => new Survey(SurveyState.AlreadyAnswered, ticket.Reference),
                _ when ticket.Standing == SurveyLinkStanding.Expired => new Survey(SurveyState.LinkExpired, ticket.Reference),
                _ => new Survey(SurveyState.Open, ticket.Reference),
            };
        }
    }
}

/// <summary>Where a survey link stands for the customer holding it.</summary>
public enum SurveyState
{
    Open,
    AlreadyAnswered,
    LinkExpired,
    LinkNotValid,
}
