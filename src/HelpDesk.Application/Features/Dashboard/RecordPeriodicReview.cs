using HelpDesk.Domain.Reviews;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// Records that the signed-in supervisor reviewed a period's complaints: who and when come from the
/// session and the clock, never from the form. Reviewing the same period again is allowed and adds a
/// second record (the page lists both), because a period is sometimes looked at again after corrections
/// or by a second reviewer, and refusing would lose that.
/// </summary>
public static class RecordPeriodicReview
{
    public sealed record Command(ReviewPeriodKind Kind, DateOnly? Date, string? Notes) : ICommand<Recorded>, ISupervisorRequest;

    public sealed record Recorded(long Id, ReviewPeriod Period, DateTimeOffset ReviewedAt);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose daily, weekly or monthly.");
            RuleFor(c => c.Date).NotNull().WithMessage("Choose the period reviewed.")
                .Must(ReviewDates.IsReasonable).When(c => c.Date is not null).WithMessage(ReviewDates.Message);
            RuleFor(c => c.Notes).NotEmpty().WithMessage("Write what the review found, even if it is \"nothing to act on\".")
                .MaximumLength(PeriodicReview.NotesMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command, Recorded>
    {
        public async ValueTask<Recorded> Handle(Command command, CancellationToken cancellationToken)
        {
            var period = ReviewPeriod.Containing(command.Kind, command.Date!.Value);
            var review = PeriodicReview.Record(period, user.Actor.Id, user.Actor.DisplayName, command.Notes, DateOnly.FromDateTime(clock.LocalNow), clock.UtcNow);
            db.PeriodicReviews.Add(review);
            await db.SaveChangesAsync(cancellationToken);
            return new Recorded(review.Id, period, review.ReviewedAt);
        }
    }
}
