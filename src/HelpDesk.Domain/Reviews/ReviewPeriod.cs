namespace HelpDesk.Domain.Reviews;

/// <summary>How often the supervisor reviews the period's complaints (docs/dashboard.md, "Periodic review").</summary>
public enum ReviewPeriodKind
{
    Daily,
    Weekly,
    Monthly,
}

/// <summary>
/// One review period as local dates in the desk's zone: <see cref="First"/> to <see cref="Last"/>,
/// both included. Weeks run Monday to Sunday (ISO 8601). A case belongs to the period when it was
/// received between the start of the first day and the start of the day after the last, in that zone,
/// so a day of a clock change is 23 or 25 hours long and a month boundary falls at local midnight.
/// </summary>
public sealed record ReviewPeriod(ReviewPeriodKind Kind, DateOnly First, DateOnly Last)
{
    /// <summary>The period of <paramref name="kind"/> that contains <paramref name="date"/>.</summary>
    public static ReviewPeriod Containing(ReviewPeriodKind kind, DateOnly date) => kind switch
    {
        ReviewPeriodKind.Daily => new(kind, date, date),
        ReviewPeriodKind.Weekly => Week(date),
        ReviewPeriodKind.Monthly => new(kind, new DateOnly(date.Year, date.Month, 1), new DateOnly(date.Year, date.Month, 1).AddMonths(1).AddDays(-1)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a review period."),
    };

    /// <summary>The last period of <paramref name="kind"/> that ended before <paramref name="today"/>: yesterday, last week, last month.</summary>
    public static ReviewPeriod LastCompleteBefore(ReviewPeriodKind kind, DateOnly today) =>
        Containing(kind, Containing(kind, today).First.AddDays(-1));

    private static ReviewPeriod Week(DateOnly date)
    {
        var sinceMonday = ((int)date.DayOfWeek + 6) % 7;
        var monday = date.AddDays(-sinceMonday);
        return new(ReviewPeriodKind.Weekly, monday, monday.AddDays(6));
    }

    /// <summary>The instant the period starts: local midnight at the start of <see cref="First"/>.</summary>
    public DateTimeOffset StartsAt(TimeZoneInfo zone) => LocalMidnight(First, zone);

    /// <summary>The instant the period ends (excluded): local midnight at the start of the day after <see cref="Last"/>.</summary>
    public DateTimeOffset EndsAt(TimeZoneInfo zone) => LocalMidnight(Last.AddDays(1), zone);

    public bool HasEndedBy(DateOnly today) => Last < today;

    /// <summary>"week of Mon 16 Nov 2026 to Sun 22 Nov 2026", "November 2026", "Wed 25 Nov 2026".</summary>
    public string Describe() => Kind switch
    {
        ReviewPeriodKind.Daily => TimeFormat.DayWithWeekday.Write(First),
        ReviewPeriodKind.Monthly => TimeFormat.Month.Write(First),
        _ => $"week of {TimeFormat.DayWithWeekday.Write(First)} to {TimeFormat.DayWithWeekday.Write(Last)}",
    };

    // Midnight can be skipped by a spring-forward change in a few zones; the day then starts when the clocks jumped to.
    private static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        var offset = zone.IsAmbiguousTime(wall) ? zone.GetAmbiguousTimeOffsets(wall).Max() : zone.GetUtcOffset(wall);
        return new DateTimeOffset(wall, offset).ToUniversalTime();
    }
}
