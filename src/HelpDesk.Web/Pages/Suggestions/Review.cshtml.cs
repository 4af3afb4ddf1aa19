using HelpDesk.Application.Features.Suggestions;

namespace HelpDesk.Web.Pages.Suggestions;

/// <summary>One suggestion: adopt it with the change made or decline it with the reason; then publish an adopted one, or withdraw it.</summary>
public sealed class ReviewModel(ISender sender) : PageModel, IReloadsOnFailure
{
    [BindProperty(SupportsGet = true)] public long Id { get; set; }

    [BindProperty] public ReviewForm Review { get; set; } = new();
    [BindProperty] public PublishForm Publish { get; set; } = new();

    public GetSuggestion.Details? Suggestion { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    [ValidationFailures(Prefix = nameof(Review))]
    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new ReviewSuggestion.Command(Id, Review.Decision, Review.Explanation), cancellationToken);
        TempData["Confirmation"] = $"Suggestion {result.Status.ToString().ToLowerInvariant()}."
            + (result.EmailedTo is null ? " No email address was given, so nobody was emailed." : " The outcome has been emailed to the person who made it.");
        return RedirectToPage(new { Id });
    }

    [ValidationFailures(Prefix = nameof(Publish))]
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new PublishSuggestion.Command(Id, Publish.YouSaid, Publish.WeDid), cancellationToken);
        TempData["Confirmation"] = "Published on You said, we did.";
        return RedirectToPage(new { Id });
    }

    [ValidationFailures(Key = "")]
    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new WithdrawSuggestion.Command(Id), cancellationToken);
        TempData["Confirmation"] = "Taken off You said, we did.";
        return RedirectToPage(new { Id });
    }

    public Task<IActionResult> ReloadAsync(CancellationToken cancellationToken) => ShowAsync(cancellationToken);

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        Suggestion = await sender.Send(new GetSuggestion.Query(Id), cancellationToken);
        if (Suggestion is null)
        {
            return NotFound();
        }

        // The public words start from what was decided, so publishing is one edit away; what was typed wins.
        Publish.YouSaid ??= Suggestion.PublicSuggestion;
        Publish.WeDid ??= Suggestion.PublicChange ?? Suggestion.Explanation;
        return Page();
    }

    public sealed class ReviewForm
    {
        public ReviewDecision? Decision { get; set; }
        public string? Explanation { get; set; }
    }

    public sealed class PublishForm
    {
        public string? YouSaid { get; set; }
        public string? WeDid { get; set; }
    }
}
