using HelpDesk.Domain.Reporting;

namespace HelpDesk.Application.Persistence.Seeding;

public sealed partial class DatabaseSeeder
{
    /// <summary>The policy's KPI targets for every measure that has no row yet: administrators' edits are never overwritten.</summary>
    private async Task SeedKpiTargetsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.KpiTargets.Select(t => t.Measure).ToListAsync(cancellationToken);
        foreach (var target in KpiTarget.PolicyDefaults().Where(t => !existing.Contains(t.Measure)))
        {
            db.KpiTargets.Add(target);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
