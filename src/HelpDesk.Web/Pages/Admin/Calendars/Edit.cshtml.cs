using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Web.Pages.Admin.Calendars;

public sealed class EditModel(ISender sender) : PageModel, IReloadsOnFailure, ICalendarPage
{
    /// <summary>The calendar a post is about, for showing the page again after a refusal.</summary>
    private int _id;

    [BindProperty]
    public CalendarForm Input { get; set; } = new();

    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var calendar = await sender.Send(new GetCalendar.Query(id), cancellationToken);
        if (calendar is null)
        {
            return NotFound();
        }

        Name = calendar.Name;
        Input = CalendarForm.From(calendar);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        _id = id;
        var result = await sender.Send(Input.ToChange(id), cancellationToken);
        TempData["Confirmation"] = Input.ApplyToOpenCases
            ? $"Calendar saved; {result.CasesRecomputed} open case(s) recomputed from their received time."
            : "Calendar saved. It applies to cases logged from now on; open cases keep their deadlines.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var calendar = await sender.Send(new GetCalendar.Query(_id), cancellationToken);
        if (calendar is null)
        {
            return NotFound();
        }

        Name = calendar.Name;
        return Page();
    }
}
