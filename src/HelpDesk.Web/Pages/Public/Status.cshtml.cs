using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Email;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Web.Pages.Public;

/// <summary>
/// A customer checks a case, reads its conversation and writes on it (docs/public-forms.md, "The status
/// page"). The lookup posts (rather than a GET query) so the email never lands in logs or browser
/// history; a right lookup or a genuine status link lets this browser into that one case for the
/// session (<see cref="CustomerCaseAccess"/>), so the message form and the downloads work.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormLimits.Policy)]
// Files past the attachment limits are refused by name, so the request itself must be readable up to the largest message read at all.
[RequestSizeLimit(ReceiveEmail.MaxMessageBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReceiveEmail.MaxMessageBytes)]
public sealed class StatusModel(ISender sender, CustomerCaseAccess access, IOptions<EmailOptions> email) : PageModel, IReloadsOnFailure
{
    public const string NotFoundMessage = "We could not find a case with that reference and email (or phone number). Please check both and try again.";
    public const string LinkNotValidMessage = "That link has expired or does not work. Please enter your reference number and email address below.";
    public const string SessionEndedMessage = "Your visit to that case has ended. Please enter your reference number and email address again.";

    private bool _writing;

    [BindProperty]
    public LookupForm Input { get; set; } = new();

    [BindProperty]
    public MessageForm Message { get; set; } = new();

    public GetCaseStatus.Status? Found { get; private set; }

    /// <summary>The largest file kept, as the refusals word it: the email attachment limit, one rule.</summary>
    public string FileLimit => HelpDesk.Domain.Conversations.CaseAttachment.Size(email.Value.MaxAttachmentBytes);

    public bool NothingFound { get; private set; }

    /// <summary>Why the lookup form is shown instead of a case the customer expected: a bad link, or a visit that ended.</summary>
    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken cancellationToken)
    {
        Notice = notice switch
        {
            "link" => LinkNotValidMessage,
            "ended" => SessionEndedMessage,
            _ => null,
        };
        if (Notice is null)
        {
            await LoadAsync(cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Found = await sender.Send(new GetCaseStatus.Query(Input.Reference, Input.Contact), cancellationToken);
        NothingFound = Found is null;
        if (NothingFound)
        {
            // Nothing typed is echoed back, so the answer is the same whichever of the two was wrong.
            ModelState.Clear();
            Input = new LookupForm();
            return Page();
        }

        access.Grant(HttpContext, new CaseAccess(Found!.Reference, Input.Contact!));
        return Page();
    }

    [ValidationFailures(Prefix = nameof(Message))]
    public async Task<IActionResult> OnPostMessageAsync(CancellationToken cancellationToken)
    {
        if (access.Read(HttpContext) is not { } visit)
        {
            return RedirectToPage(new { notice = "ended" });
        }

        _writing = true;
        var files = new List<AddCustomerMessage.OfferedFile>();
        foreach (var file in Message.Files.Where(f => f.Length > 0))
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            files.Add(new AddCustomerMessage.OfferedFile(file.FileName, content.ToArray()));
        }

        var result = await sender.Send(new AddCustomerMessage.Command(visit.Reference, visit.Contact, Message.Text, files), cancellationToken);
        if (result is null)
        {
            access.End(HttpContext);
            return RedirectToPage(new { notice = "ended" });
        }

        var said = result.Effect == CustomerMessageEffect.FollowOnCaseNeeded
            ? $"{visit.Reference} is closed, so we have opened a new case, {result.Reference}, with your message."
            : "Thank you: your message is on your case.";
        if (result.Effect == CustomerMessageEffect.FollowOnCaseNeeded)
        {
            access.Grant(HttpContext, visit with { Reference = result.Reference });
        }

        TempData["Confirmation"] = result.Refused is null ? said : $"{said} {result.Refused}";
        return RedirectToPage();
    }

    public IActionResult OnPostLeave()
    {
        access.End(HttpContext);
        return RedirectToPage();
    }

    /// <summary>A refused lookup shows the lookup form again; a refused message shows the case with what was typed.</summary>
    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        if (!_writing)
        {
            return Page();
        }

        await LoadAsync(cancellationToken);
        return Found is null ? RedirectToPage(new { notice = "ended" }) : Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (access.Read(HttpContext) is not { } visit)
        {
            return;
        }

        Found = await sender.Send(new GetCaseStatus.Query(visit.Reference, visit.Contact), cancellationToken);
        if (Found is null)
        {
            access.End(HttpContext);
        }
    }

    public sealed class LookupForm
    {
        public string? Reference { get; set; }
        public string? Contact { get; set; }
    }

    public sealed class MessageForm
    {
        public string? Text { get; set; }
        public List<IFormFile> Files { get; set; } = [];
    }
}
