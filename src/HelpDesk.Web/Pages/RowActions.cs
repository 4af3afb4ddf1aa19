namespace HelpDesk.Web.Pages;

/// <summary>
/// A list page's row form (rename this department, deactivate that person): it changes one row, then
/// back to the list with a confirmation. Mark its handler <c>[ValidationFailures(Key = "")]</c> so a
/// refusal shows above the list (<see cref="FailedRequestFilter"/>).
/// </summary>
public static class RowActions
{
    public static async Task<IActionResult> RowActionAsync(this PageModel page, ISender sender, ICommand command, string confirmation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(sender);
        // The page's other forms are not part of a row's post: their fields must not be reported as missing.
        page.ModelState.Clear();
        await sender.Send(command, cancellationToken);
        page.TempData["Confirmation"] = confirmation;
        return page.RedirectToPage();
    }
}
