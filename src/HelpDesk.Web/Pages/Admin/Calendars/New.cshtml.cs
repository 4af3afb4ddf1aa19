namespace HelpDesk.Web.Pages.Admin.Calendars;

/// <summary>What the shared calendar fields need from the page they are on.</summary>
public interface ICalendarPage
{
    CalendarForm Input { get; }
}

public sealed class NewModel(ISender sender) : PageModel, ICalendarPage
{
    [BindProperty]
    public CalendarForm Input { get; set; } = new();

    public void OnGet() => Input = new CalendarForm
    {
        TimeZoneId = HelpDesk.Domain.Sla.BusinessCalendar.DefaultTimeZoneId,
        Monday = "09:00-17:00",
        Tuesday = "09:00-17:00",
        Wednesday = "09:00-17:00",
        Thursday = "09:00-17:00",
        Friday = "09:00-17:00",
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sender.Send(Input.ToAdd(), cancellationToken);
        TempData["Confirmation"] = $"Calendar {Input.Name!.Trim()} added. Choose it on an SLA row to count deadlines on it.";
        return RedirectToPage("Index");
    }
}
