using HelpDesk.Domain.Publishing;

namespace HelpDesk.Application.Features.Policy;

/// <summary>
/// The policy in force for the public: the newest public version (by number) whose effective date has
/// come, today in the desk's zone. A version published with a later effective date waits until its day;
/// a backdated one replaces its predecessors at once.
/// </summary>
public static class GetPublishedPolicy
{
    public sealed record Query : IQuery<PolicyVersionView?>;

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : IQueryHandler<Query, PolicyVersionView?>
    {
        public async ValueTask<PolicyVersionView?> Handle(Query query, CancellationToken cancellationToken)
        {
            var today = clock.Today();
            return await db.PolicyVersions
                .Where(p => p.Visibility == PolicyVisibility.Public && p.EffectiveFrom <= today)
                .OrderByDescending(p => p.Number)
                .FirstViewAsync(cancellationToken);
        }
    }
}

/// <summary>One version by its number; a staff-only version only for staff.</summary>
public static class GetPolicyVersion
{
    public sealed record Query(int Number, bool ReaderIsStaff) : IQuery<PolicyVersionView?>;

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, PolicyVersionView?>
    {
        public async ValueTask<PolicyVersionView?> Handle(Query query, CancellationToken cancellationToken)
        {
            // Number is unique (ix on policy_versions.number), so the first is the only one.
            return await db.PolicyVersions
                .Where(p => p.Number == query.Number && (query.ReaderIsStaff || p.Visibility == PolicyVisibility.Public))
                .FirstViewAsync(cancellationToken);
        }
    }
}

/// <summary>A version's Markdown as written, for an administrator to start the next version from.</summary>
public static class GetPolicyText
{
    public sealed record Query(int Number) : IQuery<string?>;

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.PolicyVersions.AsNoTracking().Where(p => p.Number == query.Number).Select(p => p.Body).SingleOrDefaultAsync(cancellationToken);
    }
}
