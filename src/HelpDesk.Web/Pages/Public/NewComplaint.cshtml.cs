using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Application.Features.Customers;

namespace HelpDesk.Web.Pages.Public;

/// <summary>A customer makes a complaint without signing in, and is given its reference number.</summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormLimits.Policy)]
public sealed class NewComplaintModel(ISender sender, DeskTime time) : PageModel, IReloadsOnFailure
{
    public IReadOnlyList<ListComplaintTypes.Item> ComplaintTypes { get; private set; } = [];

    [BindProperty]
    public ComplaintForm Input { get; set; } = new();

    /// <summary>After the redirect: what the customer is told (nothing when the honeypot was filled).</summary>
    public bool Received { get; private set; }
    public string? Reference { get; private set; }
    public string? Department { get; private set; }
    public string? ExpectedBy { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new ComplaintForm { FormToken = Guid.NewGuid() };
        ComplaintTypes = await sender.Send(new ListComplaintTypes.Query(), cancellationToken);
    }

    public IActionResult OnGetReceived()
    {
        Received = true;
        Reference = TempData["Reference"] as string;
        Department = TempData["Department"] as string;
        ExpectedBy = TempData["ExpectedBy"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await sender.Send(new SubmitComplaint.Command
        {
            FormToken = Input.FormToken,
            Website = Input.Website,
            CustomerName = Input.CustomerName,
            CustomerEmail = Input.CustomerEmail,
            CustomerPhone = Input.CustomerPhone,
            ComplaintTypeId = Input.ComplaintTypeId,
            Subject = Input.Subject,
            Description = Input.Description,
        }, cancellationToken);
        TempData["Reference"] = result.Reference;
        TempData["Department"] = result.Department;
        TempData["ExpectedBy"] = result.ExpectedBy is { } by ? time.LongDay(by) : null;
        return RedirectToPage(null, "Received");
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        ComplaintTypes = await sender.Send(new ListComplaintTypes.Query(), cancellationToken);
        return Page();
    }

    public sealed class ComplaintForm
    {
        public Guid? FormToken { get; set; }
        public string? Website { get; set; }
        public string? CustomerName { get; set; }
        public string? CustomerEmail { get; set; }
        public string? CustomerPhone { get; set; }
        public int? ComplaintTypeId { get; set; }
        public string? Subject { get; set; }
        public string? Description { get; set; }
    }
}
