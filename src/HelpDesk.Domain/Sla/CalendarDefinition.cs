using System.Globalization;
using System.Text;

namespace HelpDesk.Domain.Sla;

/// <summary>
/// A business calendar as administrators keep it: a name (fixed once created, because cases name the
/// calendar their deadlines were computed on), an IANA zone, the weekly hours and the holidays.
/// <see cref="ToBusinessCalendar"/> gives the calendar the arithmetic runs on.
/// </summary>
public sealed class CalendarDefinition
{
    public const int NameMaxLength = 60;
    public const int HolidayNameMaxLength = 100;

    private static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly List<CalendarHoliday> _holidays = [];

    private CalendarDefinition() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string TimeZoneId { get; private set; } = "";

    /// <summary>The week as text, e.g. <c>Mon 09:00-12:30,13:30-17:00; Tue 09:00-17:00</c>; a day not named is closed.</summary>
    public string WeeklyHours { get; private set; } = "";

    public IReadOnlyList<CalendarHoliday> Holidays => _holidays;

    /// <summary>Grows with every edit, so a cached <see cref="BusinessCalendar"/> knows when it is stale.</summary>
    public int Version { get; private set; }

    public static CalendarDefinition Create(string name, string timeZoneId, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> weeklyHours, IEnumerable<Holiday>? holidays = null)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
        {
            throw new DomainRuleException($"A calendar needs a name of at most {NameMaxLength} characters.");
        }

        var definition = new CalendarDefinition { Name = name.Trim(), Version = 1 };
        definition.Set(timeZoneId, weeklyHours, holidays ?? []);
        return definition;
    }

    public static CalendarDefinition From(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Create(calendar.Name, calendar.TimeZoneId, calendar.WeeklyHours, calendar.Holidays);
    }

    public void Change(string timeZoneId, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> weeklyHours, IEnumerable<Holiday> holidays)
    {
        Set(timeZoneId, weeklyHours, holidays);
        Version++;
    }

    public BusinessCalendar ToBusinessCalendar() =>
        BusinessCalendar.Create(Name, TimeZoneId, ParseWeeklyHours(WeeklyHours), _holidays.Select(h => new Holiday(h.Date, h.Name)));

    /// <summary>Reads the weekly-hours text; a malformed day or interval is a <see cref="DomainRuleException"/> naming it.</summary>
    public static IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> ParseWeeklyHours(string text)
    {
        var week = new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var space = part.IndexOf(' ', StringComparison.Ordinal);
            var day = space < 0 ? null : Week.Cast<DayOfWeek?>().FirstOrDefault(d => string.Equals(Abbreviation(d!.Value), part[..space], StringComparison.OrdinalIgnoreCase));
            if (day is null)
            {
                throw new DomainRuleException($"'{part}' should start with a weekday (Mon, Tue, ...) followed by hours such as 09:00-17:00.");
            }

            week[day.Value] = ParseIntervals(part[(space + 1)..], Abbreviation(day.Value));
        }

        return week;
    }

    /// <summary>Reads one day's hours, e.g. <c>09:00-12:30, 13:30-17:00</c>; blank or "closed" is no hours.</summary>
    public static IReadOnlyList<OpenInterval> ParseIntervals(string? text, string day)
    {
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text.Trim(), "closed", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var intervals = new List<OpenInterval>();
        foreach (var piece in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                intervals.Add(OpenInterval.Parse(piece));
            }
            catch (Exception e) when (e is FormatException or ArgumentException or DomainRuleException)
            {
                throw new DomainRuleException($"{day}: '{piece}' is not an opening time such as 09:00-17:00 (24:00 for midnight at the end of the day).", e);
            }
        }

        return intervals;
    }

    public static string FormatWeeklyHours(IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> weeklyHours)
    {
        ArgumentNullException.ThrowIfNull(weeklyHours);
        var text = new StringBuilder();
        foreach (var day in Week)
        {
            if (weeklyHours.TryGetValue(day, out var intervals) && intervals.Count > 0)
            {
                text.Append(text.Length == 0 ? "" : "; ").Append(Abbreviation(day)).Append(' ').Append(FormatIntervals(intervals));
            }
        }

        return text.ToString();
    }

    public static string FormatIntervals(IEnumerable<OpenInterval> intervals) =>
        string.Join(", ", intervals.Select(i => $"{Clock(i.Opens)}-{Clock(i.Closes)}"));

    public static string Abbreviation(DayOfWeek day) => CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedDayName(day);

    public static IReadOnlyList<DayOfWeek> WeekFromMonday => Week;

    private static string Clock(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:D2}:{time.Minutes:D2}");

    private void Set(string timeZoneId, IReadOnlyDictionary<DayOfWeek, IReadOnlyList<OpenInterval>> weeklyHours, IEnumerable<Holiday> holidays)
    {
        var holidayList = holidays.ToList();
        if (holidayList.Any(h => string.IsNullOrWhiteSpace(h.Name) || h.Name.Trim().Length > HolidayNameMaxLength))
        {
            throw new DomainRuleException($"Every holiday needs a name of at most {HolidayNameMaxLength} characters.");
        }

        // Building the calendar is the validation: ordered, non-overlapping hours, some open time, a known zone.
        var calendar = BusinessCalendar.Create(Name, timeZoneId, weeklyHours, holidayList);
        TimeZoneId = calendar.TimeZoneId;
        WeeklyHours = FormatWeeklyHours(calendar.WeeklyHours);
        _holidays.Clear();
        _holidays.AddRange(holidayList.OrderBy(h => h.Date).Select(h => new CalendarHoliday(h.Date, h.Name.Trim())));
    }
}

/// <summary>A local date on which a calendar is closed all day.</summary>
public sealed class CalendarHoliday
{
    private CalendarHoliday() { }

    public CalendarHoliday(DateOnly date, string name)
    {
        Date = date;
        Name = name;
    }

    public DateOnly Date { get; private set; }
    public string Name { get; private set; } = "";
}
