using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Application.Features.Suggestions;

/// <summary>
/// The supervisors' list of suggestions, newest first, optionally one status. Paged by keyset on
/// (received_at, id): the next page starts after the last row shown, never by OFFSET.
/// </summary>
public static class ListSuggestions
{
    public const int PageSize = 25;

    /// <param name="After">The id of the last suggestion on the previous page.</param>
    public sealed record Query(SuggestionStatus? Status = null, long? After = null) : IQuery<Page>;

    public sealed record Row(
        long Id,
        DateTimeOffset ReceivedAt,
        SuggestionSource Source,
        string? Name,
        bool HasEmail,
        string Text,
        SuggestionStatus Status,
        bool IsPublished);

    /// <param name="NextAfter">The cursor for the next page; null on the last page.</param>
    public sealed record Page(IReadOnlyList<Row> Rows, long? NextAfter, int Waiting);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Status).IsInEnum().WithMessage("Choose one of the listed statuses.");
            RuleFor(q => q.After).GreaterThan(0).WithMessage("That page link is not valid; start again from the first page.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var suggestions = db.Suggestions.AsNoTracking();
            if (query.Status is { } status)
            {
                suggestions = suggestions.Where(s => s.Status == status);
            }

            if (query.After is { } after)
            {
                var last = await db.Suggestions.AsNoTracking().Where(s => s.Id == after).Select(s => (DateTimeOffset?)s.ReceivedAt).SingleOrDefaultAsync(cancellationToken);
                if (last is { } at)
                {
                    suggestions = suggestions.Where(s => s.ReceivedAt < at || (s.ReceivedAt == at && s.Id < after));
                }
            }

            var rows = await suggestions
                .OrderByDescending(s => s.ReceivedAt).ThenByDescending(s => s.Id)
                .Take(PageSize + 1)
                .Select(s => new Row(s.Id, s.ReceivedAt, s.Source, s.Name, s.Email != null, s.Text, s.Status, s.PublishedAt != null))
                .ToListAsync(cancellationToken);
            var waiting = await db.Suggestions.CountAsync(s => s.Status == SuggestionStatus.Received, cancellationToken);
            return rows.Count > PageSize
                ? new Page(rows.Take(PageSize).ToList(), rows[PageSize - 1].Id, waiting)
                : new Page(rows, null, waiting);
        }
    }
}
