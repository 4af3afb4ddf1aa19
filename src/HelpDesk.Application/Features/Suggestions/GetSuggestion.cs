using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Application.Features.Suggestions;

/// <summary>One suggestion as a supervisor reviews it: who, what, and what has been decided and published.</summary>
public static class GetSuggestion
{
    public sealed record Query(long Id) : IQuery<Details?>;

    public sealed record Details(
        long Id,
        DateTimeOffset ReceivedAt,
        SuggestionSource Source,
        string? Name,
        string? Email,
        string Text,
        string? RecordedByName,
        SuggestionStatus Status,
        string? Explanation,
        string? ReviewedByName,
        DateTimeOffset? ReviewedAt,
        string? PublicSuggestion,
        string? PublicChange,
        DateTimeOffset? PublishedAt,
        string? PublishedByName);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Suggestions.AsNoTracking()
                .Where(s => s.Id == query.Id)
                .Select(s => new Details(s.Id, s.ReceivedAt, s.Source, s.Name, s.Email, s.Text, s.RecordedByName, s.Status, s.Explanation,
                    s.ReviewedByName, s.ReviewedAt, s.PublicSuggestion, s.PublicChange, s.PublishedAt, s.PublishedByName))
                .SingleOrDefaultAsync(cancellationToken);
    }
}
