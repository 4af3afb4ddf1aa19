using System.Globalization;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Sla;

/// <summary>
/// Worked examples read in local wall-clock time: <c>Local("2026-03-30 21:00")</c> is 21:00 in London on
/// that date, as a UTC instant. A reading that never happens or happens twice is refused, so a test
/// around a daylight-saving change must say which one it means with <c>At("... +01:00")</c>.
/// </summary>
internal static class WallClock
{
    public const string London = "Europe/London";
    public const string Sydney = "Australia/Sydney";

    public static readonly DayOfWeek[] MondayToFriday =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static readonly DayOfWeek[] EveryDay = Enum.GetValues<DayOfWeek>();

    public static DateTimeOffset Local(string reading, string zone = London)
    {
        var local = DateTime.ParseExact(reading, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        if (tz.IsInvalidTime(local) || tz.IsAmbiguousTime(local))
        {
            throw new ArgumentException($"{reading} in {zone} never happens or happens twice; give the offset with At().", nameof(reading));
        }

        return new DateTimeOffset(local, tz.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>An instant with its offset spelled out: "2026-10-25 01:30 +01:00".</summary>
    public static DateTimeOffset At(string reading) =>
        DateTimeOffset.ParseExact(reading, "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture).ToUniversalTime();

    /// <summary>A calendar open on <paramref name="days"/> for the hours given as "09:00-12:00, 13:00-17:00".</summary>
    public static BusinessCalendar Calendar(DayOfWeek[] days, string hours, string zone = London, params Holiday[] holidays)
    {
        IReadOnlyList<OpenInterval> intervals = [.. hours.Split(',', StringSplitOptions.TrimEntries).Select(OpenInterval.Parse)];
        return BusinessCalendar.Create("test", zone, days.ToDictionary(d => d, _ => intervals), holidays);
    }

    public static BusinessCalendar NineToFive(params Holiday[] holidays) => Calendar(MondayToFriday, "09:00-17:00", London, holidays);

    public static Holiday Holiday(string date, string name = "Bank holiday") =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), name);
}
