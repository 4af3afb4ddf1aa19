using HelpDesk.Application.Features.Policy;
using HelpDesk.Domain.Publishing;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>
/// The published policy for administrators: every version, and a form to publish the next one. The
/// preview is a POST round-trip (no script), showing the Markdown exactly as readers will see it.
/// </summary>
public sealed class PolicyModel(ISender sender, DeskClock clock) : PageModel, IReloadsOnFailure
{
    [BindProperty]
    public PublishForm Input { get; set; } = new();

    public IReadOnlyList<ListPolicyVersions.Item> Versions { get; private set; } = [];

    public GetPolicyReview.Review Review { get; private set; } = null!;

    public string? PreviewHtml { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Start from the version in force, so a revision edits the text rather than retyping it.
        var current = await sender.Send(new GetPublishedPolicy.Query(), cancellationToken);
        var today = DateOnly.FromDateTime(clock.LocalNow);
        Input = new PublishForm
        {
            Title = current?.Title,
            Owner = current?.Owner,
            ApprovedOn = today,
            EffectiveFrom = today,
            Visibility = PolicyVisibility.Public,
        };
        if (current is not null)
        {
            Input.Body = await sender.Send(new GetPolicyText.Query(current.Number), cancellationToken);
        }

        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        PreviewHtml = await sender.Send(new PreviewPolicyText.Query(Input.Body), cancellationToken);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        var published = await sender.Send(Input.ToCommand(), cancellationToken);
        TempData["Confirmation"] = $"Published version {published.Number}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Versions = await sender.Send(new ListPolicyVersions.Query(ReaderIsStaff: true), cancellationToken);
        Review = await sender.Send(new GetPolicyReview.Query(), cancellationToken);
    }

    public sealed class PublishForm
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public DateOnly? ApprovedOn { get; set; }
        public DateOnly? EffectiveFrom { get; set; }
        public string? Owner { get; set; }
        public string? Changelog { get; set; }
        public PolicyVisibility? Visibility { get; set; }

        public PublishPolicyVersion.Command ToCommand() => new()
        {
            Title = Title,
            Body = Body,
            ApprovedOn = ApprovedOn,
            EffectiveFrom = EffectiveFrom,
            Owner = Owner,
            Changelog = Changelog,
            Visibility = Visibility,
        };
    }
}
