using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Messages;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin.Messages;

public sealed class TemplatesModel(ISender sender, DeskClock clock) : PageModel
{
    public IReadOnlyList<ListMessageTemplates.Item> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Templates = await sender.Send(new ListMessageTemplates.Query(), cancellationToken);

    public string Local(DateTimeOffset instant) => MessagePages.Local(clock, instant);
}

internal static class MessagePages
{
    public static string Local(DeskClock clock, DateTimeOffset instant) =>
        clock.ToLocal(instant).ToString("ddd d MMM yyyy, HH:mm:ss", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
