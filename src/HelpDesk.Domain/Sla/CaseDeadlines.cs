namespace HelpDesk.Domain.Sla;

/// <summary>
/// A case's three deadlines and the SLA row they were computed from, kept with the case as a snapshot.
/// The acknowledgement and resolution clocks start at received-at (not when staff logged the case); the
/// follow-up clock starts at resolution. Only the resolution clock pauses and is extended.
/// </summary>
/// <remarks>
/// Built for the Complaint entity to embed: plain properties with private setters, and private
/// parameterless constructors so EF Core can map it as owned types (each <see cref="CaseDeadline"/> an
/// owned type, its pauses, extensions and recomputations owned collections or JSON columns).
/// Operations that count business time or working days take the calendar named by
/// <see cref="CalendarName"/>, and refuse any other.
/// </remarks>
public sealed class CaseDeadlines
{
    private CaseDeadlines() { }

    public DateTimeOffset ReceivedAt { get; private set; }

    public string RowLabel { get; private set; } = "";

    public string CalendarName { get; private set; } = "";

    public SlaTarget AcknowledgeTarget { get; private set; }

    public SlaTarget ResolveTarget { get; private set; }

    public SlaTarget FollowUpTarget { get; private set; }

    public CaseDeadline Acknowledgement { get; private set; } = null!;

    public CaseDeadline Resolution { get; private set; } = null!;

    /// <summary>Null until the case is resolved.</summary>
    public CaseDeadline? FollowUp { get; private set; }

    public bool ResolvedAtFirstContact { get; private set; }

    public int ReopenCount { get; private set; }

    public IEnumerable<CaseDeadline> Clocks =>
        FollowUp is null ? [Acknowledgement, Resolution] : [Acknowledgement, Resolution, FollowUp];

    /// <summary>Computes the acknowledgement and resolution deadlines from received-at with the row that applies to the case.</summary>
    public static CaseDeadlines Start(SlaRow row, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(row);
        var deadlines = new CaseDeadlines
        {
            ReceivedAt = receivedAt.ToUniversalTime(),
            RowLabel = row.Label,
            CalendarName = row.Calendar.Name,
            AcknowledgeTarget = row.Acknowledge,
            ResolveTarget = row.Resolve,
            FollowUpTarget = row.FollowUp,
        };
        deadlines.Acknowledgement = CaseDeadline.Start(DeadlineKind.Acknowledgement, ClockStart.Received, receivedAt, row.Label, row.Calendar, row.Acknowledge);
        deadlines.Resolution = CaseDeadline.Start(DeadlineKind.Resolution, ClockStart.Received, receivedAt, row.Label, row.Calendar, row.Resolve);
        return deadlines;
    }

    /// <summary>
    /// Resolved in real time at first contact: no separate acknowledgement is owed, both acknowledgement
    /// and resolution are met, and the follow-up clock starts at the resolution.
    /// </summary>
    public static CaseDeadlines StartResolvedAtFirstContact(SlaRow row, DateTimeOffset receivedAt, DateTimeOffset resolvedAt)
    {
        if (resolvedAt < receivedAt)
        {
            throw new DomainRuleException("A case cannot be resolved before the customer made contact.");
        }

        var deadlines = Start(row, receivedAt);
        deadlines.Acknowledgement.CompleteAtFirstContact(resolvedAt);
        deadlines.Resolution.CompleteAtFirstContact(resolvedAt);
        deadlines.ResolvedAtFirstContact = true;
        deadlines.FollowUp = CaseDeadline.Start(DeadlineKind.FollowUp, ClockStart.Resolved, resolvedAt, row.Label, row.Calendar, row.FollowUp);
        return deadlines;
    }

    public void Acknowledge(DateTimeOffset at)
    {
        if (!Acknowledgement.IsOpen)
        {
            throw new DomainRuleException("The case has already been acknowledged.");
        }

        Acknowledgement.Complete(at, calendar: null);
    }

    /// <summary>Waiting on the customer: stops the resolution clock only.</summary>
    public void PauseResolution(DateTimeOffset at) => Resolution.Pause(at);

    /// <summary>The customer answered: the resolution deadline moves later by the paused time in the target's own unit.</summary>
    public void ResumeResolution(DateTimeOffset at, BusinessCalendar calendar) => Resolution.Resume(at, calendar);

    /// <summary>Granted before the deadline passed it moves the deadline; granted after it is recorded and the case stays breached.</summary>
    public DeadlineExtension ExtendResolution(DateTimeOffset grantedAt, DateTimeOffset newDue, string reason) =>
        Resolution.Extend(grantedAt, newDue, reason);

    /// <summary>
    /// The substantive response: meets or misses the resolution deadline and starts the follow-up clock.
    /// A case still unacknowledged is acknowledged by the response itself, at the same moment.
    /// </summary>
    public void Resolve(DateTimeOffset at, BusinessCalendar calendar)
    {
        if (!Resolution.IsOpen)
        {
            throw new DomainRuleException("The case is already resolved; reopen it first.");
        }

        Resolution.RequireCalendar(calendar);
        if (Acknowledgement.IsOpen)
        {
            Acknowledgement.Complete(at, calendar);
        }

        Resolution.Complete(at, calendar);
        FollowUp = CaseDeadline.Start(DeadlineKind.FollowUp, ClockStart.Resolved, at, RowLabel, calendar, FollowUpTarget);
    }

    public void RecordFollowUp(DateTimeOffset at)
    {
        if (FollowUp is not { IsOpen: true })
        {
            throw new DomainRuleException("Follow-up is owed only after the case is resolved, and only once.");
        }

        FollowUp.Complete(at, calendar: null);
    }

    /// <summary>
    /// A new resolution clock starts at the reopen time with the same target; the follow-up owed for the
    /// earlier resolution lapses. Returns the finished clock so the caller can keep it on the timeline.
    /// </summary>
    public CaseDeadline Reopen(DateTimeOffset at, BusinessCalendar calendar)
    {
        if (Resolution.IsOpen)
        {
            throw new DomainRuleException("Only a resolved case can be reopened.");
        }

        Resolution.RequireCalendar(calendar);
        if (at < Resolution.CompletedAt)
        {
            throw new DomainRuleException("A case cannot be reopened before it was resolved.");
        }

        var finished = Resolution;
        Resolution = CaseDeadline.Start(DeadlineKind.Resolution, ClockStart.Reopened, at, RowLabel, calendar, ResolveTarget);
        FollowUp = null;
        ReopenCount++;
        return finished;
    }

    /// <summary>
    /// The case's type or priority changed (or an administrator applied an SLA edit to open cases): the
    /// open deadlines are worked out again from their own start (received-at, or the reopen or resolution
    /// time) with <paramref name="row"/>, replaying pauses and extensions. Met and missed deadlines stay as
    /// they were. Returns what moved, for the case's timeline.
    /// </summary>
    public IReadOnlyList<DeadlineChange> ApplyRow(SlaRow row, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("Say why the deadlines are recomputed; it goes on the case's timeline.");
        }

        RowLabel = row.Label;
        CalendarName = row.Calendar.Name;
        AcknowledgeTarget = row.Acknowledge;
        ResolveTarget = row.Resolve;
        FollowUpTarget = row.FollowUp;
        return Clocks
            .Select(clock => clock.Recompute(row.Label, row.Calendar, row.TargetFor(clock.Kind), at, reason.Trim()))
            .OfType<DeadlineChange>()
            .ToList();
    }
}
