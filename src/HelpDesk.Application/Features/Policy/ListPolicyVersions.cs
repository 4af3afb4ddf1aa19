using HelpDesk.Domain.Publishing;

namespace HelpDesk.Application.Features.Policy;

/// <summary>Every version, newest first: public ones for everyone, staff-only ones for staff too.</summary>
public static class ListPolicyVersions
{
    public sealed record Query(bool ReaderIsStaff) : IQuery<IReadOnlyList<Item>>;

    /// <summary>Standing: "In force", "Takes effect later" or "Superseded", for the reader's view of the versions.</summary>
    public sealed record Item(int Number, string Title, DateOnly ApprovedOn, DateOnly EffectiveFrom, string Owner, string Changelog, PolicyVisibility Visibility, DateTimeOffset PublishedAt, string PublishedBy, string Standing);

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var versions = await db.PolicyVersions
                .AsNoTracking()
                .Where(p => query.ReaderIsStaff || p.Visibility == PolicyVisibility.Public)
                .OrderByDescending(p => p.Number)
                .Select(p => new { p.Number, p.Title, p.ApprovedOn, p.EffectiveFrom, p.Owner, p.Changelog, p.Visibility, p.PublishedAt, p.PublishedBy })
                .ToListAsync(cancellationToken);

            // The version in force for each audience is its newest one whose effective date has come (as GetPublishedPolicy).
            var today = clock.Today();
            int? InForce(Func<PolicyVisibility, bool> audience) => versions
                .Where(v => audience(v.Visibility) && v.EffectiveFrom <= today)
                .Select(v => (int?)v.Number)
                .FirstOrDefault();
            var publicInForce = InForce(v => v == PolicyVisibility.Public);
            var staffInForce = InForce(v => v == PolicyVisibility.StaffOnly);

            return versions.Select(v => new Item(
                v.Number, v.Title, v.ApprovedOn, v.EffectiveFrom, v.Owner, v.Changelog, v.Visibility, v.PublishedAt, v.PublishedBy,
                v.EffectiveFrom > today ? "Takes effect later"
                : v.Number == publicInForce || v.Number == staffInForce ? "In force"
                : "Superseded")).ToList();
        }
    }
}
