using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Features.Responses;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Web.Pages.Cases;

/// <summary>
/// The agent's workspace for one case: where it stands, and a form for each step the lifecycle allows
/// now. Every form posts to its own handler, which sends one command and redirects back.
/// </summary>
public sealed partial class DetailsModel(ISender sender, DeskClock clock) : PageModel, IReloadsOnFailure
{
    public const string ConflictMessage = "Someone else changed this case while you were working: here is what changed. What you typed is kept below; check it against the changes and save again if it still applies.";

    public GetComplaint.Details Case { get; private set; } = null!;

    public IReadOnlyList<ListComplaintTypes.Item> ComplaintTypes { get; private set; } = [];

    public ListCaseOwners.Owners Owners { get; private set; } = new([], []);

    public IReadOnlyList<GetCaseConversation.Message> Conversation { get; private set; } = [];

    /// <summary>The form that failed and is shown open again with what was typed.</summary>
    public string? OpenForm { get; private set; }

    /// <summary>After a conflict: the timeline entries the person had not seen when they filled the form.</summary>
    public long? ChangedAfterEventId { get; private set; }

    public DateTime LocalNow { get; private set; }

    /// <summary>The case a post is about, for showing the page again after a refusal.</summary>
    private string _reference = "";

    /// <summary>The version, form token and last seen timeline entry every action form carries back.</summary>
    [BindProperty]
    public CaseEditForm Edit { get; set; } = new();

    [BindProperty]
    public ClassificationForm Classification { get; set; } = new();

    [BindProperty]
    public AcknowledgementForm Acknowledgement { get; set; } = new();

    [BindProperty]
    public ReferralForm Referral { get; set; } = new();

    [BindProperty]
    public EscalationForm Escalation { get; set; } = new();

    [BindProperty]
    public WaitingForm Waiting { get; set; } = new();

    [BindProperty]
    public ExtensionForm Extension { get; set; } = new();

    [BindProperty]
    public ResolutionForm Resolution { get; set; } = new();

    [BindProperty]
    public FollowUpForm FollowUp { get; set; } = new();

    [BindProperty]
    public ReopeningForm Reopening { get; set; } = new();

    [BindProperty]
    public NoteForm InternalNote { get; set; } = new();

    [BindProperty]
    public NoteForm CustomerUpdate { get; set; } = new();

    [BindProperty]
    public ComposerForm Composer { get; set; } = new();

    /// <summary>The canned responses the composer offers.</summary>
    public IReadOnlyList<ListCannedResponses.Item> CannedResponses { get; private set; } = [];

    public bool Allows(CaseAction action) => Case.AllowedActions.Contains(action);

    public bool IsOpen(string form) => OpenForm == form;

    public static readonly IReadOnlyDictionary<int, string> TierNames = new Dictionary<int, string> { [1] = "tier 1 (agent)", [2] = "tier 2 (team lead or supervisor)", [3] = "tier 3 (senior management)" };

    /// <summary>What the top of a step's form (Steps/_FormTop) needs: the page and which form it is.</summary>
    public StepForm Form(string name) => new(this, name);

    /// <summary>The people a step can give the case to, by department (only those who supervise, for an escalation), and the one chosen.</summary>
    public PeopleChoice People(bool supervisorsOnly, string? selected) => new(
        [.. Owners.Departments
            .Select(d => new PeopleChoice.Group(d, [.. Owners.People.Where(p => p.DepartmentId == d.Id && (!supervisorsOnly || p.Supervises))]))
            .Where(g => g.People.Count > 0)],
        selected);

    public sealed record StepForm(DetailsModel Page, string Name);

    public sealed record PeopleChoice(IReadOnlyList<PeopleChoice.Group> Groups, string? Selected)
    {
        public sealed record Group(ListCaseOwners.Department Department, IReadOnlyList<ListCaseOwners.Person> People);
    }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        Edit = new CaseEditForm { Version = Case.Version, ActionId = Guid.NewGuid(), SeenEventId = Case.LastEventId };
        Classification = new ClassificationForm { ComplaintTypeId = Case.ComplaintTypeId, Priority = Case.Priority };
        Acknowledgement = new AcknowledgementForm
        {
            At = Minute(clock.LocalNow),
            Method = AcknowledgementRules.DefaultFor(Case.Channel),
            DepartmentId = Case.Owner.DepartmentId,
            AssigneeId = Case.Owner.AssigneeId,
            ExpectedResponseBy = Minute(clock.ToLocal(Case.Deadlines.Single(d => d.Kind == Domain.Sla.DeadlineKind.Resolution).Due)),
        };
        Referral = new ReferralForm { DepartmentId = Case.Owner.DepartmentId };
        Resolution = new ResolutionForm { Outcome = ResolutionOutcome.Resolved };
        Composer = new ComposerForm { Channel = string.IsNullOrWhiteSpace(Case.CustomerEmail) ? ReplyChannel.Phone : ReplyChannel.Email };
        return Page();
    }

    public Task<IActionResult> OnPostClassifyAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Classification), reference, new ChangeCaseClassification.Command(reference, Classification.ComplaintTypeId, Classification.Priority),
            result => ((ChangeCaseClassification.Result)result!).DeadlinesMoved is var moved && moved == 0
                ? "Type and priority changed; the deadlines did not move."
                : $"Type and priority changed; {moved} deadline(s) recomputed from the received time.",
            cancellationToken);

    public Task<IActionResult> OnPostAcknowledgeAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Acknowledgement), reference,
            new AcknowledgeCase.Command(reference, Instant(Acknowledgement.At), Acknowledgement.Method, Acknowledgement.DepartmentId, Blank(Acknowledgement.AssigneeId), Instant(Acknowledgement.ExpectedResponseBy)),
            result => result is AcknowledgeCase.Result { MethodFitsChannel: false } warned
                ? $"Acknowledged. Note: the policy says to acknowledge {warned.ExpectedMethod.Describe()} for this channel."
                : "Acknowledged.",
            cancellationToken);

    public Task<IActionResult> OnPostReferAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Referral), reference, new ReferCase.Command(reference, Referral.DepartmentId, Blank(Referral.AssigneeId), Referral.Reason),
            _ => "Referred: the receiving department is now responsible for the case.", cancellationToken);

    public Task<IActionResult> OnPostEscalateAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Escalation), reference, new EscalateCase.Command(reference, null, Blank(Escalation.AssigneeId), Escalation.Reason),
            _ => "Escalated.", cancellationToken);

    public Task<IActionResult> OnPostWaitAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Waiting), reference, new WaitOnCustomer.Command(reference, Waiting.WhatIsNeeded),
            _ => "Waiting on the customer: the resolution clock is paused.", cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync("Resume", reference, new ResumeCase.Command(reference),
            _ => "Work resumed: the resolution deadline moved later by the time paused.", cancellationToken);

    public Task<IActionResult> OnPostExtendAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Extension), reference, new ExtendResolution.Command(reference, Instant(Extension.NewDate), Extension.Reason, Extension.ToldBy),
            result => ((ExtendResolution.Result)result!).MovedTheDeadline
                ? "Extended: the resolution deadline and the date the customer expects moved."
                : "Extension recorded; it came after the deadline had passed, so the case stays breached.",
            cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Resolution), reference, new ResolveCase.Command(reference, Resolution.Outcome, Resolution.Analysis, Resolution.Response, Resolution.CommunicatedBy),
            _ => "Resolved: the follow-up clock has started.", cancellationToken);

    public Task<IActionResult> OnPostFollowUpAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(FollowUp), reference, new RecordFollowUp.Command(reference, FollowUp.ContactMade, FollowUp.ContactMade ? FollowUp.Satisfaction : null, FollowUp.Comments),
            _ => "Follow-up recorded.", cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync("Close", reference, new CloseCase.Command(reference), _ => "Closed.", cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(Reopening), reference, new ReopenCase.Command(reference, Reopening.Reason),
            _ => "Reopened: a new resolution clock has started.", cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(InternalNote), reference, new AddCaseNote.Command(reference, InternalNote.Text, VisibleToCustomer: false),
            _ => "Internal note added.", cancellationToken);

    public Task<IActionResult> OnPostUpdateAsync(string reference, CancellationToken cancellationToken) =>
        SendAsync(nameof(CustomerUpdate), reference, new AddCaseNote.Command(reference, CustomerUpdate.Text, VisibleToCustomer: true),
            _ => "Update for the customer added.", cancellationToken);

    /// <summary>
    /// Sends the form's command stamped with the version and token it was drawn with, then redirects
    /// back with a confirmation. A refusal is <see cref="FailedRequestFilter"/>'s (the form's messages,
    /// 404, 403); what is the case page's alone is here: a replayed form, and a case changed meanwhile.
    /// </summary>
    private async Task<IActionResult> SendAsync(string form, string reference, CaseCommand command, Func<object?, string> confirmation, CancellationToken cancellationToken)
    {
        // Whatever fails below shows this form open again with what was typed.
        OpenForm = form;
        _reference = reference;
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        try
        {
            var result = await sender.Send(command with { Version = Edit.Version, ActionId = Edit.ActionId }, cancellationToken);
            TempData["Confirmation"] = confirmation(result);
            return RedirectToPage(new { reference });
        }
        catch (ActionAlreadyRecordedException)
        {
            // The same form posted again (a double click, a resend): the first post did the work.
            TempData["Confirmation"] = "That was already recorded.";
            return RedirectToPage(new { reference });
        }
        catch (CaseChangedException)
        {
            ModelState.AddModelError("", ConflictMessage);
            ChangedAfterEventId = Edit.SeenEventId;
        }

        return await ReloadAsync(cancellationToken);
    }

    string? IReloadsOnFailure.FailedForm => OpenForm;

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(_reference, cancellationToken))
        {
            return NotFound();
        }

        if (ChangedAfterEventId is not null)
        {
            // Saving again now means saving over what they have just been shown.
            ModelState.Remove($"{nameof(Edit)}.{nameof(CaseEditForm.Version)}");
            ModelState.Remove($"{nameof(Edit)}.{nameof(CaseEditForm.SeenEventId)}");
            Edit.Version = Case.Version;
            Edit.SeenEventId = Case.LastEventId;
        }

        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var found = await sender.Send(new GetComplaint.Query(reference), cancellationToken);
        if (found is null)
        {
            return false;
        }

        Case = found;
        LocalNow = clock.LocalNow;
        ComplaintTypes = await sender.Send(new ListComplaintTypes.Query(), cancellationToken);
        Owners = await sender.Send(new ListCaseOwners.Query(), cancellationToken);
        Conversation = await sender.Send(new GetCaseConversation.Query(reference), cancellationToken);
        CannedResponses = await sender.Send(new ListCannedResponses.Query(IncludeRetired: false), cancellationToken);
        return true;
    }

    private DateTimeOffset? Instant(DateTime? local) => local is { } value ? clock.ToInstant(value) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static DateTime Minute(DateTime local) => local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));

    public sealed class CaseEditForm
    {
        public uint? Version { get; set; }
        public Guid? ActionId { get; set; }
        public long SeenEventId { get; set; }
    }

    public sealed class ClassificationForm
    {
        public int? ComplaintTypeId { get; set; }
        public Priority? Priority { get; set; }
    }

    public sealed class AcknowledgementForm
    {
        public DateTime? At { get; set; }
        public AcknowledgementMethod? Method { get; set; }
        public int? DepartmentId { get; set; }
        public string? AssigneeId { get; set; }
        public DateTime? ExpectedResponseBy { get; set; }
    }

    public sealed class ReferralForm
    {
        public int? DepartmentId { get; set; }
        public string? AssigneeId { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class EscalationForm
    {
        public string? AssigneeId { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class WaitingForm
    {
        public string? WhatIsNeeded { get; set; }
    }

    public sealed class ExtensionForm
    {
        public DateTime? NewDate { get; set; }
        public string? Reason { get; set; }
        public CommunicationMethod? ToldBy { get; set; }
    }

    public sealed class ResolutionForm
    {
        public ResolutionOutcome? Outcome { get; set; }
        public string? Analysis { get; set; }
        public string? Response { get; set; }
        public CommunicationMethod? CommunicatedBy { get; set; }
    }

    public sealed class FollowUpForm
    {
        public bool ContactMade { get; set; } = true;
        public int? Satisfaction { get; set; }
        public string? Comments { get; set; }
    }

    public sealed class ReopeningForm
    {
        public string? Reason { get; set; }
    }

    public sealed class NoteForm
    {
        public string? Text { get; set; }
    }
}
