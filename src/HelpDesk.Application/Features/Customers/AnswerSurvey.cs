namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// A customer answers the satisfaction survey through the link in their email: satisfaction 1–5,
/// how likely they are to recommend us 0–10 (optional), and a comment. One answer per case: the
/// second, even one racing the first, is told an answer is already recorded.
/// </summary>
public static class AnswerSurvey
{
    public enum Outcome
    {
        Recorded,
        AlreadyAnswered,
        LinkExpired,
        LinkNotValid,
    }

    public sealed record Command(string? Token, int? Csat, int? Nps, string? Comment) : ICommand<Outcome>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Csat).NotNull().WithMessage("Choose how satisfied you are, from 1 to 5.")
                .InclusiveBetween(1, 5).WithMessage("Choose how satisfied you are, from 1 to 5.");
            RuleFor(c => c.Nps).InclusiveBetween(0, 10).WithMessage("Choose how likely you are to recommend us, from 0 to 10.");
            RuleFor(c => c.Comment).MaximumLength(SurveyResponse.CommentMaxLength)
                .WithMessage($"Keep your comment to {SurveyResponse.CommentMaxLength} characters or fewer.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, SurveyInvitation invitation, DeskClock clock) : ICommandHandler<Command, Outcome>
    {
        private const string OneAnswerPerCase = "ix_survey_responses_complaint_id";

        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var ticket = invitation.Read(command.Token);
            if (ticket.Standing == SurveyLinkStanding.NotValid)
            {
                return Outcome.LinkNotValid;
            }

            var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.Reference == ticket.Reference, cancellationToken);
            if (complaint is null)
            {
                return Outcome.LinkNotValid;
            }

            if (await db.SurveyResponses.AnyAsync(r => r.ComplaintId == complaint.Id, cancellationToken))
            {
                return Outcome.AlreadyAnswered;
            }

            if (ticket.Standing == SurveyLinkStanding.Expired)
            {
                return Outcome.LinkExpired;
            }

            db.SurveyResponses.Add(complaint.AnswerSurvey(command.Csat!.Value, command.Nps, command.Comment, clock.UtcNow));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException duplicate) when (duplicate.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: OneAnswerPerCase })
            {
                // Two posts at once (two tabs, a double click): the other one's answer stands, and this one's timeline note went with it.
                db.ChangeTracker.Clear();
                return Outcome.AlreadyAnswered;
            }

            return Outcome.Recorded;
        }
    }
}
