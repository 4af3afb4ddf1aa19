namespace HelpDesk.Application.Features.Responses;

public static class GetCannedResponse
{
    public sealed record Query(int Id) : IQuery<Details?>;

    public sealed record Details(int Id, string Name, string Body, bool Retired);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.CannedResponses.AsNoTracking()
                .Where(r => r.Id == query.Id)
                .Select(r => new Details(r.Id, r.Name, r.Body, r.RetiredAt != null))
                .SingleOrDefaultAsync(cancellationToken);
    }
}
