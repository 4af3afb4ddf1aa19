using HelpDesk.Domain.Reviews;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>The dashboard's line per review kind: "Last weekly review: 18 Nov 2026 by Sam Supervisor".</summary>
public static class ListLatestReviews
{
    public sealed record Query : IQuery<IReadOnlyList<Latest>>;

    /// <summary>Null <see cref="ReviewedAt"/> when no review of this kind was ever recorded.</summary>
    public sealed record Latest(ReviewPeriodKind Kind, ReviewPeriod? Period, string? ReviewedBy, DateTimeOffset? ReviewedAt);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Latest>>
    {
        public async ValueTask<IReadOnlyList<Latest>> Handle(Query query, CancellationToken cancellationToken)
        {
            var latest = new List<Latest>();
            foreach (var kind in Enum.GetValues<ReviewPeriodKind>())
            {
                var review = await db.PeriodicReviews.AsNoTracking()
                    .Where(r => r.PeriodKind == kind)
                    .OrderByDescending(r => r.ReviewedAt).ThenByDescending(r => r.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                latest.Add(review is null ? new Latest(kind, null, null, null) : new Latest(kind, review.Period, review.ReviewedByName, review.ReviewedAt));
            }

            return latest;
        }
    }
}
