namespace HelpDesk.Domain.Reviews;

/// <summary>
/// The record that a supervisor reviewed one period's complaints: who, when, and what they found.
/// A period may be reviewed more than once (a second look after corrections, or a manager's review
/// after the team lead's); each review is its own record and the dashboard shows the latest.
/// </summary>
public sealed class PeriodicReview
{
    public const int NotesMaxLength = 4_000;

    private PeriodicReview() { }

    public long Id { get; private set; }
    public ReviewPeriodKind PeriodKind { get; private set; }

    /// <summary>The period's first local date.</summary>
    public DateOnly PeriodStart { get; private set; }

    /// <summary>The period's last local date (included).</summary>
    public DateOnly PeriodEnd { get; private set; }

    public string? ReviewedById { get; private set; }
    public string ReviewedByName { get; private set; } = "";
    public DateTimeOffset ReviewedAt { get; private set; }
    public string Notes { get; private set; } = "";

    public ReviewPeriod Period => new(PeriodKind, PeriodStart, PeriodEnd);

    /// <summary>
    /// Notes are required: a review that records nothing it found cannot be followed up. A period
    /// still running cannot be reviewed yet, because its complaints are not all in.
    /// </summary>
    public static PeriodicReview Record(ReviewPeriod period, string? reviewerId, string reviewerName, string? notes, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (!period.HasEndedBy(today))
        {
            throw new DomainRuleException($"The {period.Describe()} has not ended yet; review it once it is over.");
        }

        if (string.IsNullOrWhiteSpace(reviewerName))
        {
            throw new DomainRuleException("A review needs the name of who did it.");
        }

        if (string.IsNullOrWhiteSpace(notes))
        {
            throw new DomainRuleException("Write what the review found, even if it is \"nothing to act on\".");
        }

        var trimmed = notes.Trim();
        if (trimmed.Length > NotesMaxLength)
        {
            throw new DomainRuleException($"The notes can be at most {NotesMaxLength} characters.");
        }

        return new PeriodicReview
        {
            PeriodKind = period.Kind,
            PeriodStart = period.First,
            PeriodEnd = period.Last,
            ReviewedById = reviewerId,
            ReviewedByName = reviewerName.Trim(),
            ReviewedAt = now.ToUniversalTime(),
            Notes = trimmed,
        };
    }
}
