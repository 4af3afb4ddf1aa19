using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Cases;

[ResponseCache(Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class DetailsModel(ISender sender, DeskClock clock) : PageModel
{
    public GetComplaint.Details Case { get; private set; } = null!;

    public IReadOnlyList<ListComplaintTypes.Item> ComplaintTypes { get; private set; } = [];

    [BindProperty]
    public ClassificationForm Classification { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        Classification = new ClassificationForm { ComplaintTypeId = Case.ComplaintTypeId, Priority = Case.Priority };
        return Page();
    }

    public async Task<IActionResult> OnPostClassifyAsync(string reference, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var result = await sender.Send(new ChangeCaseClassification.Command(reference, Classification.ComplaintTypeId, Classification.Priority), cancellationToken);
                TempData["Confirmation"] = result.DeadlinesMoved == 0
                    ? "Type and priority changed; the deadlines did not move."
                    : $"Type and priority changed; {result.DeadlinesMoved} deadline(s) recomputed from the received time.";
                return RedirectToPage(new { reference });
            }
            catch (ValidationException failures)
            {
                ModelState.AddValidationFailures(failures, nameof(Classification));
            }
            catch (CaseNotFoundException)
            {
                return NotFound();
            }
        }

        return await LoadAsync(reference, cancellationToken) ? Page() : NotFound();
    }

    public string Local(DateTimeOffset instant) => clock.ToLocal(instant).ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await sender.Send(new GetComplaint.Query(reference), cancellationToken);
        if (found is null)
        {
            return false;
        }

        Case = found;
        ComplaintTypes = await sender.Send(new ListComplaintTypes.Query(), cancellationToken);
        return true;
    }

    public sealed class ClassificationForm
    {
        public int? ComplaintTypeId { get; set; }
        public Priority? Priority { get; set; }
    }
}
