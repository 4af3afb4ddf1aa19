using System.Globalization;
using HelpDesk.Domain;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// A calendar as its form posts it: an IANA zone, each weekday's hours as typed
/// ("09:00-12:30, 13:30-17:00", blank for closed, "00:00-24:00" for all day) and the holidays one a
/// line ("2026-12-25 Christmas Day"). The commands that add and change a calendar are these fields
/// and a little more, and take them whole from a form.
/// </summary>
public record CalendarFields
{
    public string? TimeZoneId { get; init; }
    public string? Monday { get; init; }
    public string? Tuesday { get; init; }
    public string? Wednesday { get; init; }
    public string? Thursday { get; init; }
    public string? Friday { get; init; }
    public string? Saturday { get; init; }
    public string? Sunday { get; init; }
    public string? Holidays { get; init; }
}

public static class CalendarText
{
    /// <summary>The zones a calendar may name: the machine's IANA zones, A to Z.</summary>
    public static IReadOnlyList<string> TimeZoneIds { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal)];

    public static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) && zone.HasIanaId;

    public static string? HoursOf(CalendarFields fields, DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => fields.Monday,
        DayOfWeek.Tuesday => fields.Tuesday,
        DayOfWeek.Wednesday => fields.Wednesday,
        DayOfWeek.Thursday => fields.Thursday,
        DayOfWeek.Friday => fields.Friday,
        DayOfWeek.Saturday => fields.Saturday,
        _ => fields.Sunday,
    };

    /// <summary>One day's hours in time order; refuses a malformed, inverted or overlapping interval.</summary>
    public static IReadOnlyList<OpenInterval> ReadDay(string? text, DayOfWeek day)
    {
        var intervals = CalendarDefinition.ParseIntervals(text, day.ToString()).OrderBy(i => i.Opens).ToList();
        for (var i = 1; i < intervals.Count; i++)
        {
            if (intervals[i].Opens < intervals[i - 1].Closes)
            {
                throw new DomainRuleException($"{day}: {intervals[i - 1]} and {intervals[i]} overlap.");
            }
        }

        return intervals;
    }

    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> ReadWeek(CalendarFields fields) =>
        Enum.GetValues<DayOfWeek>().ToDictionary(d => d, d => ReadDay(HoursOf(fields, d), d));

    /// <summary>Holidays one a line: a date (yyyy-mm-dd) then its name.</summary>
    public static IReadOnlyList<Holiday> ReadHolidays(string? text)
    {
        var holidays = new List<Holiday>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var datePart = space < 0 ? line : line[..space];
            if (!DateOnly.TryParseExact(datePart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new DomainRuleException($"\"{line}\" should be a date like 2026-12-25 followed by the holiday's name.");
            }

            var name = space < 0 ? "" : line[(space + 1)..].Trim();
            if (name.Length is 0 or > CalendarDefinition.HolidayNameMaxLength)
            {
                throw new DomainRuleException($"The holiday on {datePart} needs a name of at most {CalendarDefinition.HolidayNameMaxLength} characters.");
            }

            if (date.Year is < BusinessCalendar.FirstSupportedYear or > BusinessCalendar.LastSupportedYear)
            {
                throw new DomainRuleException($"{datePart} is outside the years calendars count ({BusinessCalendar.FirstSupportedYear}–{BusinessCalendar.LastSupportedYear}).");
            }

            if (holidays.Any(h => h.Date == date))
            {
                throw new DomainRuleException($"{datePart} is listed twice.");
            }

            holidays.Add(new Holiday(date, name));
        }

        return holidays;
    }

    public static string WriteHolidays(IEnumerable<CalendarHoliday> holidays) =>
        string.Join("\n", holidays.OrderBy(h => h.Date).Select(h => $"{h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {h.Name}"));

    public static object State(CalendarDefinition calendar) => new
    {
        calendar.Name,
        TimeZone = calendar.TimeZoneId,
        // A day a line in the audit record, so a change to one day stands out.
        WeeklyHours = calendar.WeeklyHours.Split("; ", StringSplitOptions.RemoveEmptyEntries),
        Holidays = calendar.Holidays.Select(h => $"{h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {h.Name}").ToList(),
    };
}

/// <summary>The rules every calendar form obeys, each message beside the field it is about.</summary>
internal sealed class CalendarFieldsValidator : AbstractValidator<CalendarFields>
{
    public CalendarFieldsValidator()
    {
        RuleFor(c => c.TimeZoneId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Choose the calendar's time zone.")
            .Must(CalendarText.IsIanaZone).WithMessage("Choose a time zone from the list (an IANA id such as Europe/London).");
        RuleFor(c => c).Custom((c, context) =>
        {
            foreach (var day in Enum.GetValues<DayOfWeek>())
            {
                Check(() => CalendarText.ReadDay(CalendarText.HoursOf(c, day), day), day.ToString(), context);
            }
        });

        RuleFor(c => c)
            .Must(c => Enum.GetValues<DayOfWeek>().Any(d => Opens(CalendarText.HoursOf(c, d), d)))
            .OverridePropertyName(nameof(CalendarFields.Monday))
            .WithMessage("Every day is closed: give the calendar some open hours, or no deadline on it could ever fall due.");
        RuleFor(c => c.Holidays).Custom((text, context) => Check(() => CalendarText.ReadHolidays(text), nameof(CalendarFields.Holidays), context));
    }

    private static bool Opens(string? text, DayOfWeek day)
    {
        try
        {
            return CalendarText.ReadDay(text, day).Count > 0;
        }
        catch (DomainRuleException)
        {
            // A malformed day has its own message; it should not also claim the week is closed.
            return true;
        }
    }

    private static void Check<T>(Func<T> read, string field, ValidationContext<CalendarFields> context)
    {
        try
        {
            read();
        }
        catch (DomainRuleException broken)
        {
            context.AddFailure(field, broken.Message);
        }
    }
}
