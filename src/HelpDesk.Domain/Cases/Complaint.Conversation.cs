using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Cases;

/// <summary>What a customer's message did to their case (docs/email.md, "What a customer's message does").</summary>
public enum CustomerMessageEffect
{
    /// <summary>On the timeline and the status page; no clock moved.</summary>
    Recorded,

    /// <summary>The case was waiting on the customer: the pause ended at the message's arrival.</summary>
    Resumed,

    /// <summary>The case was resolved: it is reopened, and that counts as a reopen.</summary>
    Reopened,

    /// <summary>The case is closed: nothing changed here; a new case that names this one must be logged.</summary>
    FollowOnCaseNeeded,
}

/// <summary>
/// The conversation's effects on a case: what the customer writes moves the case on (resumes a
/// wait, reopens a resolution), what anyone else or a machine writes is kept for staff and moves
/// nothing, and staff replies and bounces are noted.
/// </summary>
public sealed partial class Complaint
{
    public const string ReopenedByCustomerReason = "The customer wrote back.";

    /// <summary>The closed case this one was logged to follow, when the customer wrote on a closed case.</summary>
    public string? FollowsReference { get; private set; }

    /// <summary>
    /// The customer wrote (by email or on the status page). A case waiting on them resumes with the
    /// pause ending when the message arrived (never before the wait began, never after now); a resolved
    /// case is reopened; a closed case is left as it is, and the caller logs a new case that follows it.
    /// </summary>
    public CustomerMessageEffect ReceiveFromCustomer(string how, DateTimeOffset arrivedAt, BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (Status == CaseStatus.Closed)
        {
            return CustomerMessageEffect.FollowOnCaseNeeded;
        }

        var at = arrivedAt > now ? now : arrivedAt;
        Record(Actor.System, now, TimelineEventType.CustomerMessage, $"The customer wrote {RequireText(how, "way the customer wrote", ReasonMaxLength)}", visibleToCustomer: true);
        switch (Status)
        {
            case CaseStatus.WaitingOnCustomer:
                var pausedSince = Deadlines.Resolution.PausedSince ?? at;
                ResumeAt(calendar, Actor.System, at < pausedSince ? pausedSince : at, "The customer wrote back");
                return CustomerMessageEffect.Resumed;
            case CaseStatus.Resolved:
                Reopen(ReopenedByCustomerReason, calendar, Actor.System, now);
                return CustomerMessageEffect.Reopened;
            default:
                return CustomerMessageEffect.Recorded;
        }
    }

    /// <summary>Someone other than the customer wrote about the case: kept for staff only, no clock moves.</summary>
    public void ReceiveFromOtherSender(string sender, DateTimeOffset now) =>
        Record(Actor.System, now, TimelineEventType.OtherSenderMessage,
            $"Email from {RequireText(sender, "sender", ReasonMaxLength)}, not the customer: kept for staff, not shown to the customer, no deadline moved",
            visibleToCustomer: false);

    /// <summary>A machine wrote (an auto-reply, a list): kept for staff, never acknowledged, nothing reopened or resumed.</summary>
    public void ReceiveAutomatic(string reason, DateTimeOffset now) =>
        Record(Actor.System, now, TimelineEventType.AutomaticMessage,
            $"Automatic email kept ({RequireText(reason, "reason", ReasonMaxLength)}): not acknowledged, no deadline moved",
            visibleToCustomer: false);

    /// <summary>A case logged because the customer wrote on <paramref name="closedReference"/> after it was closed.</summary>
    public void Follow(string closedReference, DateTimeOffset now)
    {
        if (FollowsReference is not null)
        {
            throw new DomainRuleException($"This case already follows {FollowsReference}.");
        }

        FollowsReference = RequireText(closedReference, "reference of the closed case", ReferenceNumber.MaxLength);
        Record(Actor.System, now, TimelineEventType.FollowsCase, $"Follows {FollowsReference}: the customer wrote again after that case was closed", visibleToCustomer: true);
    }

    /// <summary>On the closed case: where the customer's new message went.</summary>
    public void NoteFollowOnCase(string newReference, DateTimeOffset now) =>
        Record(Actor.System, now, TimelineEventType.FollowsCase, $"The customer wrote again after this case was closed; logged as {RequireText(newReference, "new reference", ReferenceNumber.MaxLength)}", visibleToCustomer: false);

    /// <summary>A member of staff answered the customer, by email or recorded as given another way.</summary>
    /// <remarks>
    /// A reply is not the substantive response (docs/sla-rules.md): no deadline is met or moved by it;
    /// the resolution clock runs until the case is resolved.
    /// </remarks>
    public void RecordReply(string how, Actor actor, DateTimeOffset now)
    {
        Require(CaseAction.Reply);
        Record(actor, now, TimelineEventType.ReplySent, $"Reply to the customer {RequireText(how, "way the reply was given", ReasonMaxLength)}", visibleToCustomer: true);
    }

    /// <summary>No acknowledgement was emailed for the case, and why (a possible loop, an automatic message).</summary>
    public void WithholdAcknowledgement(string reason, DateTimeOffset now) =>
        Record(Actor.System, now, TimelineEventType.AcknowledgementWithheld, RequireText(reason, "reason", ReasonMaxLength), visibleToCustomer: false);

    /// <summary>An email about the case came back undelivered.</summary>
    public void RecordBounce(string what, DateTimeOffset now) =>
        Record(Actor.System, now, TimelineEventType.MessageBounced, RequireText(what, "bounce", ReasonMaxLength), visibleToCustomer: false);
}
