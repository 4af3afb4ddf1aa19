using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Cases;

/// <summary>
/// What the deadline sweeper records on a case: each running deadline marked breached once when it
/// passes, a resolution breach escalated one tier, and one "due soon" warning per deadline and due
/// instant. The marks live on the case row, so a sweeper that restarts (or a second instance) sees
/// what was already done and does not do it again.
/// </summary>
public sealed partial class Complaint
{
    /// <summary>When the sweeper found the acknowledgement deadline passed with the case unacknowledged.</summary>
    public DateTimeOffset? AcknowledgementBreachedAt { get; private set; }

    /// <summary>When the sweeper found the running resolution deadline passed; cleared when a reopen starts a new resolution clock.</summary>
    public DateTimeOffset? ResolutionBreachedAt { get; private set; }

    /// <summary>When the sweeper found the follow-up deadline passed; cleared when a reopen drops the follow-up owed.</summary>
    public DateTimeOffset? FollowUpBreachedAt { get; private set; }

    // The due instant each warning was sent for: a deadline that moves (an extension, a resume, a
    // recomputation) has a new due instant and earns a new warning; the same instant is warned once.
    public DateTimeOffset? AcknowledgementWarnedFor { get; private set; }

    public DateTimeOffset? ResolutionWarnedFor { get; private set; }

    public DateTimeOffset? FollowUpWarnedFor { get; private set; }

    /// <summary>
    /// Marks each running deadline that has passed and is not marked yet, with a timeline entry by
    /// HelpDesk. A clock paused while waiting on the customer before its deadline is not breached; a
    /// finished clock is judged by its own completion, not here; a closed case is left alone.
    /// </summary>
    /// <returns>The deadlines marked now (empty when nothing new passed).</returns>
    public IReadOnlyList<DeadlineKind> MarkBreaches(DateTimeOffset now)
    {
        var marked = new List<DeadlineKind>();
        if (Status == CaseStatus.Closed)
        {
            return marked;
        }

        foreach (var clock in Deadlines.Clocks.Where(c => c.IsOpen && c.IsBreachedAt(now) && BreachedAt(c.Kind) is null))
        {
            SetBreachedAt(clock.Kind, now.ToUniversalTime());
            marked.Add(clock.Kind);
            Record(Actor.System, now, TimelineEventType.DeadlineBreached,
                $"{DeadlineName(clock.Kind)} deadline passed: it was due", visibleToCustomer: false, newInstant: clock.Due);
        }

        return marked;
    }

    /// <summary>When the sweeper marked <paramref name="kind"/> breached, or null.</summary>
    public DateTimeOffset? BreachedAt(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledgement => AcknowledgementBreachedAt,
        DeadlineKind.Resolution => ResolutionBreachedAt,
        _ => FollowUpBreachedAt,
    };

    /// <summary>
    /// A breached resolution goes up one tier, to <paramref name="newOwner"/>, by HelpDesk itself. It is
    /// called once, when the breach is marked, so one breach escalates once however often the sweep runs;
    /// a case already with senior management (tier 3) stays there.
    /// </summary>
    /// <returns>False (and nothing changed) when the case is already at tier 3.</returns>
    public bool EscalateForBreach(Referral newOwner, string previousOwner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newOwner);
        if (ResolutionBreachedAt is null)
        {
            throw new DomainRuleException("Only a case whose resolution deadline has passed is escalated automatically.");
        }

        if (EscalationTier >= HighestTier)
        {
            return false;
        }

        var from = EscalationTier;
        EscalationTier++;
        DepartmentId = newOwner.DepartmentId;
        AssigneeId = newOwner.AssigneeId;
        Record(Actor.System, now, TimelineEventType.Escalated,
            $"Escalated automatically from tier {from} to tier {EscalationTier}, to {newOwner.Describe()}: the resolution deadline passed; it was due",
            visibleToCustomer: false, previousOwner, newOwner.Describe(), newInstant: Deadlines.Resolution.Due, passedTo: newOwner);
        return true;
    }

    /// <summary>
    /// The deadline <paramref name="kind"/> needs a "due soon" warning: it is running (not met, not
    /// paused, not passed) and falls due at or before <paramref name="warnUpTo"/>, the case has someone
    /// to warn, and no warning was sent for its current due instant.
    /// </summary>
    public bool NeedsDueSoonWarning(DeadlineKind kind, DateTimeOffset now, DateTimeOffset warnUpTo)
    {
        if (Status == CaseStatus.Closed || AssigneeId is null)
        {
            return false;
        }

        var clock = Deadlines.Clocks.FirstOrDefault(c => c.Kind == kind);
        return clock is { IsOpen: true, IsPaused: false }
            && clock.Due > now
            && clock.Due <= warnUpTo
            && WarnedFor(kind) != clock.Due;
    }

    /// <summary>Notes that the owner was warned about <paramref name="kind"/> for its current due instant, on the timeline too.</summary>
    public void RecordDueSoonWarning(DeadlineKind kind, string warned, DateTimeOffset now)
    {
        var clock = Deadlines.Clocks.FirstOrDefault(c => c.Kind == kind && c.IsOpen)
            ?? throw new DomainRuleException($"The {DeadlineName(kind).ToLowerInvariant()} deadline is not running, so there is nothing to warn about.");
        if (WarnedFor(kind) == clock.Due)
        {
            throw new DomainRuleException($"The {DeadlineName(kind).ToLowerInvariant()} deadline has already been warned about for the time it is due now.");
        }

        switch (kind)
        {
            case DeadlineKind.Acknowledgement:
                AcknowledgementWarnedFor = clock.Due;
                break;
            case DeadlineKind.Resolution:
                ResolutionWarnedFor = clock.Due;
                break;
            default:
                FollowUpWarnedFor = clock.Due;
                break;
        }

        Record(Actor.System, now, TimelineEventType.MessageQueued,
            $"Due-soon warning emailed to {RequireText(warned, "person warned", ReasonMaxLength)}: the {DeadlineName(kind).ToLowerInvariant()} deadline falls due",
            visibleToCustomer: false, newInstant: clock.Due);
    }

    /// <summary>The due instant last warned about for <paramref name="kind"/>, or null.</summary>
    public DateTimeOffset? WarnedFor(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledgement => AcknowledgementWarnedFor,
        DeadlineKind.Resolution => ResolutionWarnedFor,
        _ => FollowUpWarnedFor,
    };

    /// <summary>A reopen starts a new resolution clock and drops the follow-up owed: their marks start again too.</summary>
    private void ClearSweepMarksForReopen()
    {
        ResolutionBreachedAt = null;
        ResolutionWarnedFor = null;
        FollowUpBreachedAt = null;
        FollowUpWarnedFor = null;
    }

    private void SetBreachedAt(DeadlineKind kind, DateTimeOffset at)
    {
        switch (kind)
        {
            case DeadlineKind.Acknowledgement:
                AcknowledgementBreachedAt = at;
                break;
            case DeadlineKind.Resolution:
                ResolutionBreachedAt = at;
                break;
            default:
                FollowUpBreachedAt = at;
                break;
        }
    }

    public static string DeadlineName(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledgement => "Acknowledgement",
        DeadlineKind.Resolution => "Resolution",
        _ => "Follow-up",
    };
}
