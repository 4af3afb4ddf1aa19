using System.Text.RegularExpressions;
using HelpDesk.Application.Persistence.Configurations;
using NpgsqlTypes;

namespace HelpDesk.Application.Features.Workspace;

/// <summary>
/// The search box on every staff page. A reference number typed in full goes straight to its case;
/// anything else is matched as words against the case's reference, customer, subject and description
/// (PostgreSQL full-text search over a stored tsvector), plus exactly against the customer's email and
/// phone number. Results come best match first among the 200 most recent matches.
/// </summary>
public static partial class SearchCases
{
    public const int PageSize = 20;
    public const int MaxTextLength = 200;

    /// <summary>Ranked results are read from the top; past page 10 the search wants narrowing, so paging stops there.</summary>
    public const int MaxPage = 10;

    /// <summary>How many of the most recent matching cases are ranked: every page up to <see cref="MaxPage"/>.</summary>
    public const int MaxCandidates = MaxPage * PageSize;

    public sealed record Query(string? Text, int Page = 1) : IQuery<Result>;

    public sealed record Hit(string Reference, string Subject, string CustomerName, CaseStatus Status, DateTimeOffset? NextDueAt);

    /// <param name="GoTo">The reference of the one case the text named, when it named one that exists.</param>
    /// <param name="ReferenceProblem">Why text that looks like a reference number is not one (a wrong check letter, say).</param>
    public sealed record Result(string? GoTo, IReadOnlyList<Hit> Hits, int Page, bool HasMore, string? ReferenceProblem);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Text).MaximumLength(MaxTextLength).WithMessage($"Search for at most {MaxTextLength} characters.");
            RuleFor(q => q.Page).InclusiveBetween(1, MaxPage).WithMessage($"Results go up to page {MaxPage}; narrow the search instead.");
        }
    }

    [GeneratedRegex(@"^[+(]?[0-9][0-9 ()\-.]{5,}$")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"^[A-Za-z]{1,6}[\s\-\u2013\u2011]*\d{4}")]
    private static partial Regex ReferenceLike();

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var text = query.Text?.Trim() ?? "";
            if (text.Length == 0)
            {
                return new Result(null, [], 1, false, null);
            }

            var reading = ReferenceNumber.Read(text);
            string? problem = null;
            if (reading.IsValid)
            {
                var reference = reading.Reference!.Value.ToString();
                if (await db.Complaints.AsNoTracking().AnyAsync(c => c.Reference == reference, cancellationToken))
                {
                    return new Result(reference, [], 1, false, null);
                }
            }
            else if (reading.Problem == ReferenceNumberProblem.WrongCheckCharacter || ReferenceLike().IsMatch(text) && !text.Contains(' ', StringComparison.Ordinal))
            {
                problem = reading.Explanation;
            }

            var email = text.Contains('@', StringComparison.Ordinal) ? text.ToLowerInvariant() : null;
            var phoneDigits = PhoneLike().IsMatch(text) ? new string([.. text.Where(char.IsAsciiDigit)]) : null;

            // Hyphens are word separators here, as in the stored vector (and websearch would read "-x" as "not x").
            var words = text.Replace('-', ' ');
            var matches = db.Complaints.AsNoTracking();
            matches = (email, phoneDigits) switch
            {
                ({ } e, _) => matches.Where(c =>
                    EF.Property<NpgsqlTsVector>(c, ComplaintConfiguration.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("simple", words))
                    || c.Customer.Email!.ToLower() == e),
                (null, { } digits) => matches.Where(c =>
                    EF.Property<NpgsqlTsVector>(c, ComplaintConfiguration.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("simple", words))
                    || EF.Property<string>(c, ComplaintConfiguration.PhoneDigits) == digits),
                _ => matches.Where(c => EF.Property<NpgsqlTsVector>(c, ComplaintConfiguration.SearchVector).Matches(EF.Functions.WebSearchToTsQuery("simple", words))),
            };

            // Ranking reads every candidate's vector: over all 30,000 cases holding a common word that is
            // most of a second, so the best matches are picked from the most recent MaxCandidates matches
            // (a pk index walk backwards for a common word, the GIN index for a rare one).
            var page = query.Page;
            var hits = await matches
                .OrderByDescending(c => c.Id)
                .Take(MaxCandidates)
                .OrderByDescending(c => EF.Property<NpgsqlTsVector>(c, ComplaintConfiguration.SearchVector).Rank(EF.Functions.WebSearchToTsQuery("simple", words)))
                .ThenByDescending(c => c.Id)
                .Skip((page - 1) * PageSize)
                .Take(PageSize + 1)
                .Select(c => new Hit(c.Reference, c.Subject, c.Customer.Name, c.Status, c.NextDueAt))
                .ToListAsync(cancellationToken);
            var hasMore = hits.Count > PageSize;
            if (hasMore)
            {
                hits.RemoveAt(PageSize);
            }

            return new Result(null, hits, page, hasMore, problem);
        }
    }
}
