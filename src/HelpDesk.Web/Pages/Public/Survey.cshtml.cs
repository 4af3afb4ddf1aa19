using HelpDesk.Application.Features.Customers;

namespace HelpDesk.Web.Pages.Public;

/// <summary>
/// The satisfaction survey a customer reaches from the link in their email. A link that was forged,
/// altered or cut short answers 404 with one friendly page whatever was wrong with it; an expired one
/// answers 410; an answered one thanks them without showing the answer back.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormLimits.SurveyPolicy)]
public sealed class SurveyModel(ISender sender, IOptions<SurveyOptions> options) : PageModel, IReloadsOnFailure
{
    private const string ThanksKey = "SurveyThanks";

    private string _answered = "";

    [BindProperty]
    public SurveyForm Input { get; set; } = new();

    public SurveyState State { get; private set; }

    public string? Reference { get; private set; }

    /// <summary>Set after this browser's own answer was recorded, so the thanks read as thanks and not as a refusal.</summary>
    public bool JustAnswered { get; private set; }

    public int LinkLifetimeDays => (int)Math.Round(options.Value.LinkLifetime.TotalDays);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        await OpenAsync(token, cancellationToken);
        JustAnswered = State == SurveyState.AlreadyAnswered && TempData[ThanksKey] is true;
        return Shown();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        _answered = token;

        // A value that did not bind (a made-up radio value) is reported once, by the validator.
        ModelState.Clear();
        var outcome = await sender.Send(new AnswerSurvey.Command(token, Input.Csat, Input.Nps, Input.Comment), cancellationToken);
        if (outcome == AnswerSurvey.Outcome.Recorded)
        {
            TempData[ThanksKey] = true;
            return RedirectToPage(new { token });
        }

        await OpenAsync(token, cancellationToken);
        return Shown();
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(_answered, cancellationToken);
        return Shown();
    }

    private async Task OpenAsync(string token, CancellationToken cancellationToken)
    {
        var survey = await sender.Send(new OpenSurvey.Query(token), cancellationToken);
        State = survey.State;
        Reference = survey.Reference;
    }

    private PageResult Shown()
    {
        Response.StatusCode = State switch
        {
            SurveyState.LinkNotValid => StatusCodes.Status404NotFound,
            SurveyState.LinkExpired => StatusCodes.Status410Gone,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    public sealed class SurveyForm
    {
        public int? Csat { get; set; }
        public int? Nps { get; set; }
        public string? Comment { get; set; }
    }
}
