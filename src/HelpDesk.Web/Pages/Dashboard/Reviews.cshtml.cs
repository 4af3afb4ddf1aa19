using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Reviews;
using HelpDesk.Web.Reports;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Pages.Dashboard;

/// <summary>Periodic review: one day's, week's or month's complaints, their CSV, and the record that they were reviewed.</summary>
public sealed class ReviewsModel(ISender sender) : PageModel, IReloadsOnFailure
{
    private const string DateKey = "date";

    private bool _recording;

    [BindProperty(SupportsGet = true, Name = "kind")]
    public ReviewPeriodKind Kind { get; set; } = ReviewPeriodKind.Weekly;

    /// <summary>Any date in the period; none means the last complete one.</summary>
    [BindProperty(SupportsGet = true, Name = "date")]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public RecordForm Record { get; set; } = new();

    public GetPeriodReview.Review Review { get; private set; } = null!;

    [ValidationFailures(Key = DateKey)]
    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Review = await sender.Send(new GetPeriodReview.Query(Kind, Date), cancellationToken);

    [BadRequestOnFailure]
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var review = await sender.Send(new GetPeriodReview.Query(Kind, Date, GetPeriodReview.ExportLimit), cancellationToken);
        var period = review.Period;
        return CsvDownload.From(
            string.Create(CultureInfo.InvariantCulture, $"review-{period.Kind.ToString().ToLowerInvariant()}-{period.First:yyyy-MM-dd}.csv"),
            ["Reference", "Received (UTC)", "Subject", "Type", "Department", "Status", "Acknowledgement", "Resolution", "Follow-up"],
            review.Rows,
            r => [r.Reference, r.ReceivedAt, r.Subject, r.ComplaintType, r.Department, r.Status.Describe(), Words(r.Acknowledgement), Words(r.Resolution), Words(r.FollowUp)]);
    }

    [ValidationFailures(Prefix = nameof(Record))]
    public async Task<IActionResult> OnPostRecordAsync(CancellationToken cancellationToken)
    {
        _recording = true;
        var recorded = await sender.Send(new RecordPeriodicReview.Command(Record.Kind, Record.Date, Record.Notes), cancellationToken);
        TempData["Confirmation"] = $"Review of the {recorded.Period.Describe()} recorded.";
        return RedirectToPage(new { kind = recorded.Period.Kind, date = recorded.Period.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
    }

    /// <summary>
    /// After a refused record, the period shown is the one the form was about. A period that cannot be
    /// shown (a date out of range) is said beside the date field, and the last complete one shown instead:
    /// FailedRequestFilter puts the message there and loads the page once more.
    /// </summary>
    [ValidationFailures(Key = DateKey)]
    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        if (ModelState.GetFieldValidationState(DateKey) == ModelValidationState.Invalid)
        {
            Date = null;
        }
        else if (_recording)
        {
            (Kind, Date) = (Record.Kind, Record.Date);
        }

        Review = await sender.Send(new GetPeriodReview.Query(Kind, Date), cancellationToken);
        return Page();
    }

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public static string Words(GetPeriodReview.Outcome outcome) => outcome switch
    {
        GetPeriodReview.Outcome.Met => "met",
        GetPeriodReview.Outcome.Missed => "missed",
        GetPeriodReview.Outcome.Overdue => "running, overdue",
        GetPeriodReview.Outcome.Running => "running",
        _ => "not started",
    };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public sealed class RecordForm
    {
        public ReviewPeriodKind Kind { get; set; }

        public DateOnly? Date { get; set; }

        public string? Notes { get; set; }
    }
}
