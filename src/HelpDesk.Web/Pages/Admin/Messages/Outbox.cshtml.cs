using FluentValidation;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain.Messages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace HelpDesk.Web.Pages.Admin.Messages;

public sealed class OutboxModel(ISender sender) : PageModel
{
    public OutboxStatus? Status { get; private set; }

    public ListOutboxMessages.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(OutboxStatus? status, int? pageNumber, CancellationToken cancellationToken)
    {
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        Result = await sender.Send(new ListOutboxMessages.Query(Status, pageNumber ?? 1), cancellationToken);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, OutboxStatus? status, CancellationToken cancellationToken)
    {
        await RetryAsync(sender, TempData, id, cancellationToken);
        return RedirectToPage("Outbox", new { status });
    }

    /// <summary>Shared by the list and a message's page: retry, and say what happened.</summary>
    internal static async Task RetryAsync(ISender sender, ITempDataDictionary tempData, Guid id, CancellationToken cancellationToken)
    {
        try
        {
            tempData["Confirmation"] = await sender.Send(new RetryOutboxMessage.Command(id), cancellationToken)
                ? "The message will be sent again now, with a fresh set of attempts."
                : "There is no such message.";
        }
        catch (ValidationException refused)
        {
            tempData["Confirmation"] = refused.Errors.First().ErrorMessage;
        }
    }

    public static string Describe(OutboxStatus status) => status switch
    {
        OutboxStatus.GivenUp => "Given up",
        _ => status.ToString(),
    };
}
