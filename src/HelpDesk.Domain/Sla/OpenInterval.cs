using System.Globalization;

namespace HelpDesk.Domain.Sla;

/// <summary>
/// Open hours on one weekday in local wall-clock time, half-open: open at <see cref="Opens"/>, closed
/// again at <see cref="Closes"/>. It may run to the end of the day (24:00) but never across midnight,
/// so a 24/7 calendar is seven 00:00–24:00 intervals with no gap between them.
/// </summary>
public readonly record struct OpenInterval
{
    public static readonly TimeSpan EndOfDay = TimeSpan.FromHours(24);

    public OpenInterval(TimeSpan opens, TimeSpan closes)
    {
        if (opens < TimeSpan.Zero || closes > EndOfDay)
        {
            throw new DomainRuleException($"Open hours must lie within one day (00:00–24:00), not {Format(opens)}–{Format(closes)}.");
        }

        if (opens >= closes)
        {
            throw new DomainRuleException($"Open hours must open before they close, not {Format(opens)}–{Format(closes)}.");
        }

        Opens = opens;
        Closes = closes;
    }

    public TimeSpan Opens { get; }

    /// <summary>The first moment after the interval; 24:00 is the end of the day.</summary>
    public TimeSpan Closes { get; }

    public TimeSpan Length => Closes - Opens;

    /// <summary>Whole hours, e.g. <c>OpenInterval.Hours(9, 17)</c> for 09:00–17:00.</summary>
    public static OpenInterval Hours(int opens, int closes) => new(TimeSpan.FromHours(opens), TimeSpan.FromHours(closes));

    /// <summary>Reads "09:00-17:00" (or with an en dash); "24:00" is the end of the day.</summary>
    public static OpenInterval Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(['-', '–'], StringSplitOptions.TrimEntries);
        return parts.Length == 2
            ? new OpenInterval(ReadTime(parts[0], text), ReadTime(parts[1], text))
            : throw new DomainRuleException($"Open hours are written like 09:00-17:00, not \"{text}\".");
    }

    public override string ToString() => $"{Format(Opens)}–{Format(Closes)}";

    private static TimeSpan ReadTime(string part, string text)
    {
        var pieces = part.Split(':');
        if (pieces.Length == 2
            && int.TryParse(pieces[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && minutes < 60
            && (hours < 24 || (hours == 24 && minutes == 0)))
        {
            return new TimeSpan(hours, minutes, 0);
        }

        throw new DomainRuleException($"Open hours are written like 09:00-17:00, not \"{text}\".");
    }

    private static string Format(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}");
}
