using System.Globalization;

namespace HelpDesk.Domain;

/// <summary>
/// The ways the desk writes a local time or date for people, each defined once and all in British
/// English (docs/architecture.md, "Time"). Pages go through <c>DeskTime</c> (Web), emails and letters
/// through <c>DeskClock.Write</c> (Application); the domain's own explanations use these directly
/// with the zone they were counted in. Machine-read values (ISO 8601, form inputs, file names) are
/// not written here.
/// </summary>
public sealed class TimeFormat
{
    /// <summary>Fixed once: the desk writes British dates whatever the server's culture.</summary>
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A moment on its own, as pages show it: "Mon 2 Mar 2026, 14:05".</summary>
    public static readonly TimeFormat Moment = new("ddd d MMM yyyy, HH:mm");

    /// <summary>A moment to the second, where tries seconds apart must read apart (the outbox): "Mon 2 Mar 2026, 14:05:09".</summary>
    public static readonly TimeFormat MomentToTheSecond = new("ddd d MMM yyyy, HH:mm:ss");

    /// <summary>A moment in a queue, where deadlines are close at hand: "Mon 2 Mar, 14:05".</summary>
    public static readonly TimeFormat ShortMoment = new("ddd d MMM, HH:mm");

    /// <summary>A moment as a heading: "Monday 2 March 2026, 14:05".</summary>
    public static readonly TimeFormat LongMoment = new("dddd d MMMM yyyy, HH:mm");

    /// <summary>A moment inside a sentence (staff emails, a deadline's explanation), without the comma: "Mon 2 Mar 2026 14:05".</summary>
    public static readonly TimeFormat MomentInText = new("ddd d MMM yyyy HH:mm");

    /// <summary>A moment as customers read it on the status page: "2 March 2026, 14:05".</summary>
    public static readonly TimeFormat CustomerMoment = new("d MMMM yyyy, HH:mm");

    /// <summary>A day: "2 March 2026".</summary>
    public static readonly TimeFormat Day = new("d MMMM yyyy");

    /// <summary>A day with its weekday, as letters to customers give it: "Monday 2 March 2026".</summary>
    public static readonly TimeFormat LongDay = new("dddd d MMMM yyyy");

    /// <summary>A day named with its weekday, as a review period is: "Mon 2 Mar 2026".</summary>
    public static readonly TimeFormat DayWithWeekday = new("ddd d MMM yyyy");

    /// <summary>A day in a table or a line of figures: "2 Mar 2026".</summary>
    public static readonly TimeFormat ShortDay = new("d MMM yyyy");

    /// <summary>A month: "March 2026".</summary>
    public static readonly TimeFormat Month = new("MMMM yyyy");

    private TimeFormat(string pattern) => Pattern = pattern;

    /// <summary>The .NET custom format string, for reading; write with <see cref="Write(DateTime)"/>.</summary>
    public string Pattern { get; }

    /// <summary>A local wall-clock time (already in the zone it is read in).</summary>
    public string Write(DateTime local) => local.ToString(Pattern, British);

    public string Write(DateOnly day) => day.ToString(Pattern, British);

    /// <summary>An instant as the wall clock in <paramref name="zone"/> showed it.</summary>
    public string Write(DateTimeOffset instant, TimeZoneInfo zone) => Write(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    public override string ToString() => Pattern;
}
