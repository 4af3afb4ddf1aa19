using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Web.Pages.Cases;

public sealed class LogModel(ISender sender, DeskClock clock, DeskTime time) : PageModel, IReloadsOnFailure
{
    [BindProperty]
    public LogComplaintForm Input { get; set; } = new();

    public IReadOnlyList<ListComplaintTypes.Item> ComplaintTypes { get; private set; } = [];

    /// <summary>The latest time the received-at field accepts, in the desk's local time.</summary>
    public DateTime LocalNow { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.LocalNow;
        Input = new LogComplaintForm { ReceivedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute)), Priority = Priority.Normal, Kind = CaseKind.Complaint, FormId = Guid.NewGuid() };
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // A value the form never offered (a tampered channel, say) fails binding: refuse before sending anything.
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        var logged = await sender.Send(Input.ToCommand(clock), cancellationToken);
        TempData["Confirmation"] = logged.AlreadyLogged
            ? $"This form was already sent: the case was logged once, as {logged.Reference}. Give the customer this reference number."
            : $"Logged as {logged.Reference}. Give the customer this reference number.";
        return RedirectToPage("Details", new { reference = logged.Reference });
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    /// <summary>
    /// The form's live preview: the deadlines the chosen type and priority would get, received at the
    /// local time typed. The same query as <c>/api/sla/preview</c>, read in the desk's zone.
    /// </summary>
    public async Task<IActionResult> OnGetPreviewAsync(string? type, Priority? priority, DateTime? receivedAt, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(type) || priority is null || !Enum.IsDefined(priority.Value))
        {
            return new JsonResult(new { ready = false });
        }

        var received = receivedAt is { } local ? clock.ToInstant(local) : clock.UtcNow;
        var preview = await sender.Send(new PreviewDeadlines.Query(type, priority.Value, received, null), cancellationToken);
        if (preview is null)
        {
            return new JsonResult(new { ready = false });
        }

        return new JsonResult(new
        {
            ready = true,
            acknowledgeBy = time.Moment(preview.AcknowledgeBy),
            resolveBy = time.Moment(preview.ResolveBy),
            row = preview.Row,
            calendar = preview.Calendar,
        });
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        LocalNow = clock.LocalNow;
        ComplaintTypes = await sender.Send(new ListComplaintTypes.Query(), cancellationToken);
    }

    /// <summary>What the form posts. Received-at is the desk's local wall-clock time, as staff read it.</summary>
    public sealed class LogComplaintForm
    {
        public DateTime? ReceivedAt { get; set; }
        public Channel? Channel { get; set; }
        public CaseKind? Kind { get; set; }
        public int? ComplaintTypeId { get; set; }
        public Priority? Priority { get; set; }
        public string? CustomerName { get; set; }
        public string? CustomerEmail { get; set; }
        public string? CustomerPhone { get; set; }
        public string? CustomerPostalAddress { get; set; }
        public string? Subject { get; set; }
        public string? Description { get; set; }

        public string? FirstContactAnswer { get; set; }
        public CommunicationMethod? FirstContactCommunicatedBy { get; set; }

        /// <summary>The form's one-time token, drawn with the form: a double click or a resent post logs one case.</summary>
        public Guid? FormId { get; set; }

        public LogComplaint.Command ToCommand(DeskClock clock) => new()
        {
            ReceivedAt = ReceivedAt is { } local ? clock.ToInstant(local) : clock.UtcNow,
            Channel = Channel,
            Kind = Kind,
            ComplaintTypeId = ComplaintTypeId,
            Priority = Priority,
            CustomerName = CustomerName,
            CustomerEmail = CustomerEmail,
            CustomerPhone = CustomerPhone,
            CustomerPostalAddress = CustomerPostalAddress,
            Subject = Subject,
            Description = Description,
            FirstContactAnswer = FirstContactAnswer,
            FirstContactCommunicatedBy = FirstContactCommunicatedBy,
            FormId = FormId,
        };
    }
}
