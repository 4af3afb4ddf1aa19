using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Web.Pages.Admin.Calendars;

/// <summary>What the calendar forms post: the name (when adding), zone, each weekday's hours as typed, and the holidays.</summary>
public sealed class CalendarForm
{
    public string? Name { get; set; }
    public string? TimeZoneId { get; set; }
    public string? Monday { get; set; }
    public string? Tuesday { get; set; }
    public string? Wednesday { get; set; }
    public string? Thursday { get; set; }
    public string? Friday { get; set; }
    public string? Saturday { get; set; }
    public string? Sunday { get; set; }
    public string? Holidays { get; set; }
    public bool ApplyToOpenCases { get; set; }

    /// <summary>The hours typed for a weekday, by its English name.</summary>
    public string? HoursOn(string day) => day switch
    {
        nameof(Monday) => Monday,
        nameof(Tuesday) => Tuesday,
        nameof(Wednesday) => Wednesday,
        nameof(Thursday) => Thursday,
        nameof(Friday) => Friday,
        nameof(Saturday) => Saturday,
        _ => Sunday,
    };

    public static CalendarForm From(GetCalendar.Calendar calendar) => new()
    {
        Name = calendar.Name,
        TimeZoneId = calendar.TimeZoneId,
        Monday = calendar.Hours[DayOfWeek.Monday],
        Tuesday = calendar.Hours[DayOfWeek.Tuesday],
        Wednesday = calendar.Hours[DayOfWeek.Wednesday],
        Thursday = calendar.Hours[DayOfWeek.Thursday],
        Friday = calendar.Hours[DayOfWeek.Friday],
        Saturday = calendar.Hours[DayOfWeek.Saturday],
        Sunday = calendar.Hours[DayOfWeek.Sunday],
        Holidays = calendar.Holidays,
    };

    public AddCalendar.Command ToAdd() => new(Fields) { Name = Name };

    public ChangeCalendar.Command ToChange(int id) => new(Fields) { Id = id, ApplyToOpenCases = ApplyToOpenCases };

    private CalendarFields Fields => new()
    {
        TimeZoneId = TimeZoneId,
        Monday = Monday,
        Tuesday = Tuesday,
        Wednesday = Wednesday,
        Thursday = Thursday,
        Friday = Friday,
        Saturday = Saturday,
        Sunday = Sunday,
        Holidays = Holidays,
    };
}
