using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Dashboard;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpDesk.Web.Pages.Dashboard;

/// <summary>The supervisor's dashboard: what is overdue now, and where it sits.</summary>
[ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class IndexModel(ISender sender, DeskClock clock) : PageModel
{
    public ListOverdueCases.Panel Overdue { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Overdue = await sender.Send(new ListOverdueCases.Query(), cancellationToken);

    /// <summary>The overdue queue narrowed by one filter, so a count leads to the cases behind it.</summary>
    public static string QueueLink(string filter, string? value) =>
        QueryHelpers.AddQueryString("/cases", new Dictionary<string, string?> { ["queue"] = "overdue", [filter] = value }.Where(v => v.Value is not null));

    public static string Clock(TimeSpan overdue) =>
        overdue.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)overdue.TotalHours} h {overdue.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{overdue.Minutes} min");

    public string Local(DateTimeOffset instant) => clock.ToLocal(instant).ToString("ddd d MMM, HH:mm", CultureInfo.GetCultureInfo("en-GB"));
}
