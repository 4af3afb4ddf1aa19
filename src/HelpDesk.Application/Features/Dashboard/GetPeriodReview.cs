using HelpDesk.Domain.Reviews;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// The periodic review page: the complaints received in one day, week or month (local dates in the
/// desk's zone), with whether each deadline was met, the period's totals, and the reviews recorded.
/// Without a date it shows the last complete period: yesterday, last week, last month.
/// </summary>
public static class GetPeriodReview
{
    public const int PageSize = 500;
    public const int ExportLimit = 50_000;

    public sealed record Query(ReviewPeriodKind Kind, DateOnly? Date = null, int Limit = PageSize) : IQuery<Review>;

    /// <summary>Met, missed, still running, or late and still running.</summary>
    public enum Outcome
    {
        NotStarted,
        Running,
        Overdue,
        Met,
        Missed,
    }

    public sealed record Row(
        long Id,
        string Reference,
        DateTimeOffset ReceivedAt,
        string Subject,
        string ComplaintType,
        string? Department,
        CaseStatus Status,
        Outcome Acknowledgement,
        Outcome Resolution,
        Outcome FollowUp);

    public sealed record Totals(int Received, int Resolved, int AcknowledgedMet, int AcknowledgedMissed, int ResolvedMet, int ResolvedMissed, int FollowUpMet, int FollowUpMissed);

    public sealed record PastReview(long Id, ReviewPeriod Period, string ReviewedBy, DateTimeOffset ReviewedAt, string Notes);

    public sealed record Review(
        ReviewPeriod Period,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt,
        bool HasEnded,
        Totals Totals,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<PastReview> ReviewsOfPeriod,
        IReadOnlyList<PastReview> RecentReviews);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Kind).IsInEnum().WithMessage("Choose daily, weekly or monthly.");
            RuleFor(q => q.Date).Must(ReviewDates.IsReasonable).When(q => q.Date is not null).WithMessage(ReviewDates.Message);
            RuleFor(q => q.Limit).InclusiveBetween(1, ExportLimit);
        }
    }

    /// <summary>A deadline as the plain columns tell it: met means done at or before the deadline in force.</summary>
    public static Outcome Judge(DateTimeOffset? due, DateTimeOffset? doneAt, bool paused, DateTimeOffset now) =>
        (due, doneAt) switch
        {
            (null, _) => Outcome.NotStarted,
            ({ } d, { } done) => done <= d ? Outcome.Met : Outcome.Missed,
            ({ } d, null) => !paused && now > d ? Outcome.Overdue : Outcome.Running,
        };

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : IQueryHandler<Query, Review>
    {
        public async ValueTask<Review> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var today = DateOnly.FromDateTime(clock.LocalNow);
            var period = query.Date is { } date ? ReviewPeriod.Containing(query.Kind, date) : ReviewPeriod.LastCompleteBefore(query.Kind, today);
            var (from, to) = (period.StartsAt(clock.Zone), period.EndsAt(clock.Zone));
            var received = db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= from && c.ReceivedAt < to);

            var totals = await received.GroupBy(_ => 1).Select(g => new Totals(
                    g.Count(),
                    g.Count(c => c.ResolvedAt != null),
                    g.Count(c => c.AcknowledgedAt != null && c.AcknowledgedAt <= c.AcknowledgeDue),
                    g.Count(c => (c.AcknowledgedAt != null && c.AcknowledgedAt > c.AcknowledgeDue) || (c.AcknowledgedAt == null && c.AcknowledgeDue < now)),
                    g.Count(c => c.ResolvedAt != null && c.ResolvedAt <= c.ResolveDue),
                    g.Count(c => (c.ResolvedAt != null && c.ResolvedAt > c.ResolveDue) || (c.ResolvedAt == null && !c.ResolutionPaused && c.ResolveDue < now)),
                    g.Count(c => c.FollowedUpAt != null && c.FollowedUpAt <= c.FollowUpDue),
                    // Closed without the follow-up recorded counts as missed, as the rows say.
                    g.Count(c => (c.FollowedUpAt != null && c.FollowedUpAt > c.FollowUpDue) || (c.FollowedUpAt == null && c.FollowUpDue != null && (c.FollowUpDue < now || c.Status == CaseStatus.Closed)))))
                .SingleOrDefaultAsync(cancellationToken) ?? new Totals(0, 0, 0, 0, 0, 0, 0, 0);

            var cases = await received.OrderBy(c => c.ReceivedAt).ThenBy(c => c.Id)
                .Take(query.Limit)
                .Select(c => new
                {
                    c.Id,
                    c.Reference,
                    c.ReceivedAt,
                    c.Subject,
                    ComplaintType = db.ComplaintTypes.Where(t => t.Id == c.ComplaintTypeId).Select(t => t.Name).First(),
                    Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                    c.Status,
                    c.AcknowledgeDue,
                    c.AcknowledgedAt,
                    c.ResolveDue,
                    c.ResolvedAt,
                    c.ResolutionPaused,
                    c.FollowUpDue,
                    c.FollowedUpAt,
                })
                .ToListAsync(cancellationToken);
            var rows = cases.Select(c => new Row(
                c.Id,
                c.Reference,
                c.ReceivedAt,
                c.Subject,
                c.ComplaintType,
                c.Department,
                c.Status,
                Judge(c.AcknowledgeDue, c.AcknowledgedAt, paused: false, now),
                Judge(c.ResolveDue, c.ResolvedAt, c.ResolutionPaused, now),
                // A closed case's unrecorded follow-up is not overdue work any more: it was missed.
                c.FollowUpDue is { } followUpDue && c.FollowedUpAt is null && c.Status == CaseStatus.Closed
                    ? Outcome.Missed
                    : Judge(c.FollowUpDue, c.FollowedUpAt, paused: false, now))).ToList();

            var ofPeriod = await db.PeriodicReviews.AsNoTracking()
                .Where(r => r.PeriodKind == period.Kind && r.PeriodStart == period.First)
                .OrderByDescending(r => r.ReviewedAt).ThenByDescending(r => r.Id)
                .ToListAsync(cancellationToken);
            var recent = await db.PeriodicReviews.AsNoTracking()
                .OrderByDescending(r => r.ReviewedAt).ThenByDescending(r => r.Id)
                .Take(20)
                .ToListAsync(cancellationToken);

            return new Review(period, from, to, period.HasEndedBy(today), totals, rows, [.. ofPeriod.Select(Past)], [.. recent.Select(Past)]);
        }

        private static PastReview Past(PeriodicReview r) => new(r.Id, r.Period, r.ReviewedByName, r.ReviewedAt, r.Notes);
    }
}

/// <summary>Complaints are received in living memory: a date far outside it is a typing slip, not a period to review or report on.</summary>
public static class ReviewDates
{
    public const string Message = "Choose a date between 2000 and 2399.";

    public static bool IsReasonable(DateOnly? date) => date is { Year: >= 2000 and <= 2399 };
}
