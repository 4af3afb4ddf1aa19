using HelpDesk.Application.Features.Workspace;

namespace HelpDesk.Web.Pages.Cases;

/// <summary>The queues: one GET form of filters over <see cref="ListCases"/>, so every view is a link that can be shared or bookmarked.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    private const string Prefix = "Filter";

    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? Assignee { get; set; }
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public ListCases.Page? Result { get; private set; }

    [ValidationFailures(Prefix = Prefix)]
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await sender.Send(new ListCases.Query
        {
            Queue = Queue,
            Status = Status,
            Type = Type,
            Priority = Priority,
            Channel = Channel,
            Department = Department,
            Assignee = Assignee,
            After = After,
        }, cancellationToken);

        return Page();
    }

    public string CurrentQueue => Result?.Queue ?? Queue ?? ListCases.Queues.Mine;

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"{Prefix}.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public bool Filtered => Status is not null || Type is not null || Priority is not null || Channel is not null || Department is not null || Assignee is not null;

    /// <summary>This view's link with one filter changed (the page position dropped, since the rows change).</summary>
    public string LinkWith(string? queue = null, string? after = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["queue"] = queue ?? CurrentQueue,
            ["status"] = Status,
            ["type"] = Type,
            ["priority"] = Priority,
            ["channel"] = Channel,
            ["department"] = Department,
            ["assignee"] = Assignee,
            ["after"] = after,
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/cases", values.Where(v => v.Value is not null));
    }

    public static string QueueName(string queue) => queue switch
    {
        ListCases.Queues.Mine => "My cases",
        ListCases.Queues.Department => "My department",
        ListCases.Queues.Unassigned => "Unassigned",
        ListCases.Queues.DueSoon => "Due within 24 hours",
        ListCases.Queues.Overdue => "Overdue",
        ListCases.Queues.Escalated => "Escalated to me",
        _ => queue,
    };
}
