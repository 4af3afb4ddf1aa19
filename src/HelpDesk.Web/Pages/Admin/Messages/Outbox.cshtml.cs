using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain.Messages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace HelpDesk.Web.Pages.Admin.Messages;

public sealed class OutboxModel(ISender sender) : PageModel, IReloadsOnFailure
{
    public OutboxStatus? Status { get; private set; }

    public ListOutboxMessages.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(OutboxStatus? status, int? pageNumber, CancellationToken cancellationToken)
    {
        Status = status is { } s && Enum.IsDefined(s) ? s : null;
        Result = await sender.Send(new ListOutboxMessages.Query(Status, pageNumber ?? 1), cancellationToken);
    }

    [ValidationFailures(AsConfirmation = true)]
    public async Task<IActionResult> OnPostRetryAsync(Guid id, OutboxStatus? status, CancellationToken cancellationToken)
    {
        Status = status;
        await RetryAsync(sender, TempData, id, cancellationToken);
        return await ReloadAsync(cancellationToken);
    }

    /// <summary>After a retry, refused or not, the list again.</summary>
    public Task<IActionResult> ReloadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IActionResult>(RedirectToPage("Outbox", new { status = Status }));

    /// <summary>Shared by the list and a message's page: retry, and say what happened (a refusal is said by <see cref="FailedRequestFilter"/>).</summary>
    internal static async Task RetryAsync(ISender sender, ITempDataDictionary tempData, Guid id, CancellationToken cancellationToken) =>
        tempData["Confirmation"] = await sender.Send(new RetryOutboxMessage.Command(id), cancellationToken)
            ? "The message will be sent again now, with a fresh set of attempts."
            : "There is no such message.";

    public static string Describe(OutboxStatus status) => status switch
    {
        OutboxStatus.GivenUp => "Given up",
        _ => status.ToString(),
    };
}
