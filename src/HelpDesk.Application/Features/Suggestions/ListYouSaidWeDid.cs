namespace HelpDesk.Application.Features.Suggestions;

/// <summary>
/// The public "You said, we did" page: published suggestions, newest first, in the words staff wrote
/// for the public. Only those words and the date are read, never who made the suggestion.
/// </summary>
public static class ListYouSaidWeDid
{
    public const int Limit = 100;

    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(string YouSaid, string WeDid, DateTimeOffset PublishedAt);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Suggestions.AsNoTracking()
                .Where(s => s.PublishedAt != null)
                .OrderByDescending(s => s.PublishedAt).ThenByDescending(s => s.Id)
                .Take(Limit)
                .Select(s => new Item(s.PublicSuggestion!, s.PublicChange!, s.PublishedAt!.Value))
                .ToListAsync(cancellationToken);
    }
}
