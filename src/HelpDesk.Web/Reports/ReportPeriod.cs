using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Domain;

namespace HelpDesk.Web.Reports;

/// <summary>
/// The period a report covers, chosen as a preset (this month, last quarter, ...) or custom dates, in
/// the desk's local calendar: whole local days, from the first day's midnight to the midnight after
/// the last day.
/// </summary>
public sealed record ReportPeriod(string Preset, DateOnly First, DateOnly Last)
{
    public const string Custom = "custom";

    public static readonly IReadOnlyList<(string Key, string Label)> Presets =
    [
        ("this-month", "This month"),
        ("last-month", "Last month"),
        ("this-quarter", "This quarter"),
        ("last-quarter", "Last quarter"),
        ("this-year", "This year"),
        (Custom, "Custom dates"),
    ];

    public string Describe() =>
        First == Last
            ? TimeFormat.Day.Write(First)
            : $"{TimeFormat.Day.Write(First)} to {TimeFormat.Day.Write(Last)}";

    /// <summary>Why the dates cannot be reported on (custom dates far outside living memory), or null; ask before <see cref="From"/> and <see cref="To"/>.</summary>
    public string? Problem => ReviewDates.IsReasonable(First) && ReviewDates.IsReasonable(Last) ? null : ReviewDates.Message;

    public DateTimeOffset From(DeskClock clock) => clock.ToInstant(First.ToDateTime(TimeOnly.MinValue));

    public DateTimeOffset To(DeskClock clock) => clock.ToInstant(Last.AddDays(1).ToDateTime(TimeOnly.MinValue));

    /// <summary>The preset's dates as of today; custom dates as given (a missing one defaults to this month's).</summary>
    public static ReportPeriod Choose(string? preset, DateOnly? first, DateOnly? last, DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        return preset switch
        {
            "last-month" => new("last-month", monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            "this-quarter" => new("this-quarter", quarterStart, quarterStart.AddMonths(3).AddDays(-1)),
            "last-quarter" => new("last-quarter", quarterStart.AddMonths(-3), quarterStart.AddDays(-1)),
            "this-year" => new("this-year", new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
            Custom => new(Custom, first ?? monthStart, last ?? today),
            _ => new("this-month", monthStart, monthStart.AddMonths(1).AddDays(-1)),
        };
    }
}
