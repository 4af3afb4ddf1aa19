using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Complaints;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Cases;

[ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class DetailsModel(ISender sender, DeskClock clock) : PageModel
{
    public GetComplaint.Details Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await sender.Send(new GetComplaint.Query(reference), cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Case = found;
        return Page();
    }

    public string Local(DateTimeOffset instant) => clock.ToLocal(instant).ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
