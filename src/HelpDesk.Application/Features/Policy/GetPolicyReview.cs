using HelpDesk.Domain.Publishing;

namespace HelpDesk.Application.Features.Policy;

/// <summary>
/// Whether the yearly review (004: "This policy will be reviewed every year") is due: a year after the
/// latest approval, with a reminder from <see cref="PolicyVersion.ReviewReminderLead"/> before.
/// Publishing a newly approved version is the review, and moves the date on.
/// </summary>
public static class GetPolicyReview
{
    public sealed record Query : IQuery<Review>;

    /// <param name="LastApprovedOn">Null when no version has been published: the review is due at once.</param>
    public sealed record Review(DateOnly? LastApprovedOn, DateOnly? ReviewDueOn, bool IsDue, bool IsOverdue);

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : IQueryHandler<Query, Review>
    {
        public async ValueTask<Review> Handle(Query query, CancellationToken cancellationToken)
        {
            var lastApproved = await db.PolicyVersions.AsNoTracking().MaxAsync(p => (DateOnly?)p.ApprovedOn, cancellationToken);
            if (lastApproved is not { } approvedOn)
            {
                return new Review(null, null, IsDue: true, IsOverdue: true);
            }

            var dueOn = approvedOn.AddYears(1);
            var remindFrom = dueOn.AddDays(-(int)PolicyVersion.ReviewReminderLead.TotalDays);
            var today = clock.Today();
            return new Review(approvedOn, dueOn, IsDue: today >= remindFrom, IsOverdue: today > dueOn);
        }
    }
}
