namespace HelpDesk.Domain.Sla;

/// <summary>Which of a case's three promises a deadline keeps.</summary>
public enum DeadlineKind
{
    Acknowledgement,
    Resolution,
    FollowUp,
}

/// <summary>What started a deadline's clock.</summary>
public enum ClockStart
{
    /// <summary>The customer made contact (received-at), for acknowledgement and resolution.</summary>
    Received,

    /// <summary>A resolved case was reopened: a new resolution clock with the same target.</summary>
    Reopened,

    /// <summary>The case was resolved, for the follow-up clock.</summary>
    Resolved,
}

/// <summary>
/// A stretch of waiting on the customer, during which the resolution clock stood still. The deadline
/// values are worked out when the pause ends and kept so that the explanation can quote them.
/// </summary>
public sealed class DeadlinePause
{
    private DeadlinePause() { }

    internal DeadlinePause(DateTimeOffset pausedAt) => PausedAt = pausedAt;

    public DateTimeOffset PausedAt { get; private set; }

    /// <summary>Null while the case is still waiting on the customer.</summary>
    public DateTimeOffset? ResumedAt { get; private set; }

    /// <summary>The deadline had already passed when the pause began: the breach stands and the pause moves nothing.</summary>
    public bool BeganAfterBreach { get; private set; }

    public DateTimeOffset DueBefore { get; private set; }

    public DateTimeOffset? DueAfter { get; private set; }

    /// <summary>The paused time in the target's own unit, in words ("2 closes of business, so 2 working days").</summary>
    public string? MeasuredAs { get; private set; }

    internal void Begin(DateTimeOffset due)
    {
        BeganAfterBreach = PausedAt > due;
        DueBefore = due;
        DueAfter = null;
        MeasuredAs = null;
    }

    internal void End(DateTimeOffset resumedAt) => ResumedAt = resumedAt;

    internal void Moved(DateTimeOffset dueAfter, string measuredAs)
    {
        DueAfter = dueAfter;
        MeasuredAs = measuredAs;
    }
}

/// <summary>
/// More time granted on the resolution deadline: the reason and the new date the customer was given.
/// Granted before the deadline passed it moves the deadline; granted after it is recorded and the
/// deadline stays breached.
/// </summary>
public sealed class DeadlineExtension
{
    private DeadlineExtension() { }

    internal DeadlineExtension(DateTimeOffset grantedAt, DateTimeOffset newDue, string reason)
    {
        GrantedAt = grantedAt;
        NewDue = newDue.ToUniversalTime();
        Reason = reason;
    }

    public DateTimeOffset GrantedAt { get; private set; }

    public DateTimeOffset NewDue { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>True when the extension moved the deadline; false when it came after the deadline had passed.</summary>
    public bool Applied { get; private set; }

    public DateTimeOffset DueBefore { get; private set; }

    internal DateTimeOffset ApplyTo(DateTimeOffset due)
    {
        DueBefore = due;
        Applied = GrantedAt <= due && NewDue > due;
        return Applied ? NewDue : due;
    }
}

/// <summary>A deadline worked out again after the case's type or priority (or the SLA table) changed.</summary>
public sealed class DeadlineRecomputation
{
    private DeadlineRecomputation() { }

    internal DeadlineRecomputation(DateTimeOffset at, string reason, string previousRowLabel, SlaTarget previousTarget, DateTimeOffset previousDue)
    {
        At = at;
        Reason = reason;
        PreviousRowLabel = previousRowLabel;
        PreviousTarget = previousTarget;
        PreviousDue = previousDue;
    }

    public DateTimeOffset At { get; private set; }

    public string Reason { get; private set; } = "";

    public string PreviousRowLabel { get; private set; } = "";

    public SlaTarget PreviousTarget { get; private set; }

    public DateTimeOffset PreviousDue { get; private set; }
}

/// <summary>A deadline that moved, for the case's timeline ("every recomputation says so").</summary>
public sealed record DeadlineChange(DeadlineKind Kind, DateTimeOffset PreviousDue, DateTimeOffset NewDue, string Reason);
