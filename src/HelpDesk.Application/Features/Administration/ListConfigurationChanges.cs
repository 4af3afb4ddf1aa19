namespace HelpDesk.Application.Features.Administration;

/// <summary>The audit trail of the policy's configuration, newest first, a page at a time.</summary>
public static class ListConfigurationChanges
{
    public const int PageSize = 25;

    public sealed record Query(int Page = 1) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Item> Items, int Page, int PageCount, int Total);

    public sealed record Item(long Id, DateTimeOffset At, string ActorName, string Subject, string Action, string? Before, string? After, bool AppliedToOpenCases, int CasesRecomputed);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.ConfigurationChanges.CountAsync(cancellationToken);
            var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pageCount);
            var items = await db.ConfigurationChanges
                .AsNoTracking()
                .OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize)
                .Select(c => new Item(c.Id, c.At, c.ActorName, c.Subject, c.Action, c.Before, c.After, c.AppliedToOpenCases, c.CasesRecomputed))
                .ToListAsync(cancellationToken);
            return new Result(items, page, pageCount, total);
        }
    }
}
