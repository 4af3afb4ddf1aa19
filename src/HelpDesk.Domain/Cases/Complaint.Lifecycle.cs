using System.Globalization;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Cases;

/// <summary>
/// The lifecycle of docs/product.md: acknowledge, refer, escalate, wait on the customer, extend, resolve,
/// follow up, close, reopen. Each step is allowed only from the states where it makes sense, moves the
/// deadlines as the policy says, and leaves an event on the timeline.
/// </summary>
public sealed partial class Complaint
{
    public const int NoteMaxLength = 10_000;
    public const int ReasonMaxLength = 2_000;
    public const int HighestTier = 3;

    public int? DepartmentId { get; private set; }
    public string? AssigneeId { get; private set; }

    /// <summary>1: agent; 2: team lead or supervisor; 3: senior management.</summary>
    public int EscalationTier { get; private set; } = 1;

    public AcknowledgementMethod? AcknowledgementMethod { get; private set; }

    /// <summary>The date the customer was told to expect a response; moves with an extension.</summary>
    public DateTimeOffset? ExpectedResponseBy { get; private set; }

    public ResolutionOutcome? ResolutionOutcome { get; private set; }
    public string? ResolutionAnalysis { get; private set; }
    public string? ResolutionResponse { get; private set; }
    public CommunicationMethod? ResolutionCommunicatedBy { get; private set; }
    public bool ResolvedAtFirstContact { get; private set; }
    public bool? FollowUpContactMade { get; private set; }

    /// <summary>1 (very dissatisfied) to 5 (very satisfied), as recorded at follow-up.</summary>
    public int? Satisfaction { get; private set; }

    public string? FollowUpComments { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public int ReopenCount { get; private set; }

    // The KPIs average the time to acknowledge and to resolve in business time over a quarter of a
    // million-case table: measured once, on the case's calendar, when the step is done, rather than
    // recomputed for every case at every query. From received to the (latest) resolution, waits on
    // the customer included: the time the customer waited.
    public int? AcknowledgedInBusinessMinutes { get; private set; }
    public int? ResolvedInBusinessMinutes { get; private set; }

    public bool IsOpen => Status is not (CaseStatus.Resolved or CaseStatus.Closed);

    /// <summary>Every resolution recorded, oldest first: a reopening keeps the earlier ones.</summary>
    public IReadOnlyList<CaseResolution> Resolutions => _resolutions;

    /// <summary>
    /// Answered there and then: the case is resolved in real time, no separate acknowledgement is owed,
    /// and it counts toward first contact resolution.
    /// </summary>
    public void ResolveAtFirstContact(string response, CommunicationMethod communicatedBy, SlaRow row, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (Status != CaseStatus.Logged || _timeline.Count > 1)
        {
            throw new DomainRuleException("Only a case being logged can be resolved at first contact.");
        }

        Deadlines = CaseDeadlines.StartResolvedAtFirstContact(row, ReceivedAt, now);
        ResolvedAtFirstContact = true;
        AcknowledgedInBusinessMinutes = ResolvedInBusinessMinutes = BusinessMinutes(row.Calendar, ReceivedAt, now);
        ResolutionOutcome = Cases.ResolutionOutcome.Resolved;
        ResolutionResponse = RequireText(response, "answer given", NoteMaxLength);
        ResolutionCommunicatedBy = communicatedBy;
        Status = CaseStatus.Resolved;
        RecordResolution(actor, now, atFirstContact: true);
        Record(actor, now, TimelineEventType.ResolvedAtFirstContact, $"Resolved at first contact ({communicatedBy.Describe()})", visibleToCustomer: true, newValue: ResolutionResponse);
    }

    public void Acknowledge(AcknowledgementDetails acknowledgement, BusinessCalendar calendar, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        ArgumentNullException.ThrowIfNull(calendar);
        Require(CaseAction.Acknowledge);
        if (acknowledgement.At > now || acknowledgement.At < ReceivedAt)
        {
            throw new DomainRuleException("The acknowledgement must be between when the case was received and now.");
        }

        if (acknowledgement.ExpectedResponseBy <= acknowledgement.At)
        {
            throw new DomainRuleException("The date the customer can expect a response must be after the acknowledgement.");
        }

        Deadlines.Acknowledgement.RequireCalendar(calendar);
        Deadlines.Acknowledge(acknowledgement.At);
        AcknowledgedInBusinessMinutes = BusinessMinutes(calendar, ReceivedAt, acknowledgement.At);
        AcknowledgementMethod = acknowledgement.Method;
        ExpectedResponseBy = acknowledgement.ExpectedResponseBy.ToUniversalTime();
        DepartmentId = acknowledgement.ReferredTo.DepartmentId;
        AssigneeId = acknowledgement.ReferredTo.AssigneeId;
        Status = CaseStatus.Acknowledged;
        Record(actor, now, TimelineEventType.Acknowledged,
            $"Acknowledged {acknowledgement.Method.Describe()}; referred to {acknowledgement.ReferredTo.Describe()}; response expected by",
            visibleToCustomer: true, newValue: acknowledgement.ReferredTo.Describe(), newInstant: ExpectedResponseBy, passedTo: acknowledgement.ReferredTo);
    }

    /// <summary>Refer or reassign: the receiving department becomes responsible for resolving the case.</summary>
    public void ReferTo(Referral referral, string? reason, string previousOwner, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        Require(CaseAction.Refer);
        if (referral.DepartmentId == DepartmentId && referral.AssigneeId == AssigneeId)
        {
            throw new DomainRuleException("The case is already with that department and person.");
        }

        DepartmentId = referral.DepartmentId;
        AssigneeId = referral.AssigneeId;
        var why = string.IsNullOrWhiteSpace(reason) ? "" : $": {Clip(reason)}";
        Record(actor, now, TimelineEventType.Referred, $"Referred to {referral.Describe()}{why}", visibleToCustomer: false, previousOwner, referral.Describe(), passedTo: referral);
    }

    /// <summary>Tier 1 (agent) to 2 (team lead or supervisor) to 3 (senior management), with the new owner.</summary>
    public void Escalate(string reason, Referral newOwner, string previousOwner, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newOwner);
        Require(CaseAction.Escalate);

        var from = EscalationTier;
        EscalationTier++;
        DepartmentId = newOwner.DepartmentId;
        AssigneeId = newOwner.AssigneeId;
        Record(actor, now, TimelineEventType.Escalated,
            $"Escalated from tier {from} to tier {EscalationTier}, to {newOwner.Describe()}: {RequireText(reason, "reason for the escalation", ReasonMaxLength)}",
            visibleToCustomer: false, previousOwner, newOwner.Describe(), passedTo: newOwner);
    }

    /// <summary>Waiting on the customer stops the resolution clock only.</summary>
    public void WaitOnCustomer(string whatIsNeeded, Actor actor, DateTimeOffset now)
    {
        Require(CaseAction.WaitOnCustomer);
        Deadlines.PauseResolution(now);
        Status = CaseStatus.WaitingOnCustomer;
        Record(actor, now, TimelineEventType.WaitingOnCustomer,
            $"Waiting on the customer: {RequireText(whatIsNeeded, "what is needed from the customer", ReasonMaxLength)}", visibleToCustomer: false);
    }

    /// <summary>The customer answered: the resolution deadline moves later by the paused time in its own unit.</summary>
    public void Resume(BusinessCalendar calendar, Actor actor, DateTimeOffset now) => ResumeAt(calendar, actor, now, "Customer answered");

    private void ResumeAt(BusinessCalendar calendar, Actor actor, DateTimeOffset at, string why)
    {
        Require(CaseAction.Resume);
        var before = Deadlines.Resolution.Due;
        Deadlines.ResumeResolution(at, calendar);
        Status = CaseStatus.InProgress;
        var after = Deadlines.Resolution.Due;
        if (after == before)
        {
            // No time the resolution clock counts passed while waiting (e.g. a night on an office calendar).
            Record(actor, at, TimelineEventType.Resumed, $"{why}; work resumed; the resolution deadline did not move: it is due",
                visibleToCustomer: false, newInstant: after);
        }
        else
        {
            Record(actor, at, TimelineEventType.Resumed, $"{why}; work resumed; the resolution deadline moved",
                visibleToCustomer: false, oldInstant: before, newInstant: after);
        }
    }

    /// <summary>
    /// The resolution deadline cannot be met: the customer is told the new date. Granted before the
    /// deadline passed it moves the deadline; after, it is recorded and the case stays breached.
    /// </summary>
    public DeadlineExtension ExtendResolution(DateTimeOffset newDate, string reason, CommunicationMethod toldBy, Actor actor, DateTimeOffset now)
    {
        Require(CaseAction.Extend);
        var before = Deadlines.Resolution.Due;
        var extension = Deadlines.ExtendResolution(now, newDate, RequireText(reason, "reason for the extension", ReasonMaxLength));
        ExpectedResponseBy = newDate.ToUniversalTime();
        var told = $"Resolution extended; customer told {toldBy.Describe()}: {Sentence(extension.Reason)}";
        if (extension.Applied)
        {
            Record(actor, now, TimelineEventType.Extended, $"{told} The deadline moved", visibleToCustomer: true, oldInstant: before, newInstant: newDate);
        }
        else
        {
            Record(actor, now, TimelineEventType.Extended,
                $"{told} It was granted after the deadline had passed, so the case stays breached; the customer now expects a response by",
                visibleToCustomer: true, newInstant: newDate);
        }
        return extension;
    }

    /// <summary>The substantive response: the analysis and the proposed resolution, or clear reasons it cannot be accommodated.</summary>
    public void Resolve(ResolutionDetails resolution, BusinessCalendar calendar, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resolution);
        Require(CaseAction.Resolve);
        var analysis = RequireText(resolution.Analysis, "analysis", NoteMaxLength);
        var response = RequireText(resolution.Response, resolution.Outcome == Cases.ResolutionOutcome.Resolved ? "proposed resolution" : "reasons it cannot be accommodated", NoteMaxLength);
        Deadlines.Resolve(now, calendar);
        ResolvedInBusinessMinutes = BusinessMinutes(calendar, ReceivedAt, now);
        ResolutionOutcome = resolution.Outcome;
        ResolutionAnalysis = analysis;
        ResolutionResponse = response;
        ResolutionCommunicatedBy = resolution.CommunicatedBy;
        Status = CaseStatus.Resolved;
        RecordResolution(actor, now, atFirstContact: false);
        var what = resolution.Outcome == Cases.ResolutionOutcome.Resolved ? "Resolved" : "Answered: the request cannot be accommodated";
        Record(actor, now, TimelineEventType.Resolved, $"{what} ({resolution.CommunicatedBy.Describe()})", visibleToCustomer: true, newValue: response);
    }

    /// <summary>Within the follow-up period: whether the customer was reached, how satisfied they are, what they said.</summary>
    public void RecordFollowUp(bool contactMade, int? satisfaction, string? comments, Actor actor, DateTimeOffset now)
    {
        Require(CaseAction.FollowUp);

        if (contactMade ? satisfaction is not (>= 1 and <= 5) : satisfaction is not null)
        {
            throw new DomainRuleException(contactMade ? "Record the customer's satisfaction from 1 to 5." : "Satisfaction is recorded only when the customer was reached.");
        }

        Deadlines.RecordFollowUp(now);
        FollowUpContactMade = contactMade;
        Satisfaction = satisfaction;
        _resolutions.LastOrDefault()?.RecordSatisfaction(satisfaction);
        FollowUpComments = string.IsNullOrWhiteSpace(comments) ? null : Clip(comments);
        Record(actor, now, TimelineEventType.FollowedUp,
            contactMade ? string.Create(CultureInfo.InvariantCulture, $"Followed up: satisfaction {satisfaction} of 5") : "Follow-up attempted: the customer could not be reached",
            visibleToCustomer: false, newValue: FollowUpComments);
    }

    public void Close(Actor actor, DateTimeOffset now)
    {
        Require(CaseAction.Close);
        Status = CaseStatus.Closed;
        ClosedAt = now.ToUniversalTime();
        Record(actor, now, TimelineEventType.Closed, "Closed", visibleToCustomer: true);
    }

    /// <summary>A new resolution clock starts now with the same target; it counts as a reopen.</summary>
    public void Reopen(string reason, BusinessCalendar calendar, Actor actor, DateTimeOffset now)
    {
        Require(CaseAction.Reopen);
        var why = RequireText(reason, "reason for reopening", ReasonMaxLength);
        Deadlines.Reopen(now, calendar);
        ClearSweepMarksForReopen();
        ReopenCount++;
        ResolvedInBusinessMinutes = null;
        Status = CaseStatus.InProgress;
        ClosedAt = null;
        FollowUpContactMade = null;
        Satisfaction = null;
        FollowUpComments = null;
        Record(actor, now, TimelineEventType.Reopened, $"Reopened: {Sentence(why)} New resolution deadline", visibleToCustomer: true, newInstant: Deadlines.Resolution.Due);
    }

    /// <summary>Staff only: never shown to the customer.</summary>
    public void AddInternalNote(string text, Actor actor, DateTimeOffset now) =>
        Record(actor, now, TimelineEventType.InternalNote, RequireText(text, "note", NoteMaxLength), visibleToCustomer: false);

    /// <summary>Shown to the customer on the status page.</summary>
    public void AddCustomerUpdate(string text, Actor actor, DateTimeOffset now) =>
        Record(actor, now, TimelineEventType.CustomerUpdate, RequireText(text, "update", NoteMaxLength), visibleToCustomer: true);

    /// <summary>A letter or email to the customer was produced for a step, so the timeline shows what the customer was sent.</summary>
    public void RecordMessageQueued(string what, Actor actor, DateTimeOffset now) =>
        Record(actor, now, TimelineEventType.MessageQueued, RequireText(what, "message description", ReasonMaxLength), visibleToCustomer: false);

    private void Record(
        Actor actor,
        DateTimeOffset now,
        TimelineEventType type,
        string summary,
        bool visibleToCustomer,
        string? oldValue = null,
        string? newValue = null,
        DateTimeOffset? oldInstant = null,
        DateTimeOffset? newInstant = null,
        Referral? passedTo = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        _timeline.Add(new TimelineEvent(now, actor.Id, actor.DisplayName, type, Clip(summary)!, visibleToCustomer, Clip(oldValue), Clip(newValue), oldInstant, newInstant, passedTo));
        CopyDeadlines();
    }

    // Met is decided now, against the deadline in force now: a reopening starts a new clock. Only the
    // resolution given there and then is at first contact, not one after a reopening.
    private void RecordResolution(Actor actor, DateTimeOffset now, bool atFirstContact) =>
        _resolutions.Add(new CaseResolution(actor.Id, now, DepartmentId, atFirstContact || Deadlines.Resolution.CompletedAt <= Deadlines.Resolution.Due, atFirstContact));

    private static int BusinessMinutes(BusinessCalendar calendar, DateTimeOffset from, DateTimeOffset to) =>
        (int)Math.Round(calendar.BusinessTimeBetween(from, to).TotalMinutes, MidpointRounding.AwayFromZero);

    /// <summary>Free text as a sentence of its own, so what follows it never reads "arrived.; new".</summary>
    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 0 && trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }

    private static string? Clip(string? text) => text is { Length: > TimelineEvent.TextMaxLength } ? text[..TimelineEvent.TextMaxLength] : text?.Trim();
}
