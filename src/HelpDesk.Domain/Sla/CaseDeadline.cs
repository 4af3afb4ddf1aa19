namespace HelpDesk.Domain.Sla;

/// <summary>
/// One of a case's clocks (acknowledgement, resolution or follow-up): the SLA row, calendar and target
/// it was computed from, when it started, the pauses and extensions that moved it, and whether it was
/// met. Everything is stored on the case (a snapshot), so later edits to the SLA table or a calendar do
/// not move it unless it is recomputed on purpose.
/// </summary>
/// <remarks>
/// <see cref="Due"/> is always the start plus the target, then the pauses and extensions applied in the
/// order they happened. Live changes apply one step; a recomputation replays every step with the new
/// target, so both give the same answer.
/// </remarks>
public sealed partial class CaseDeadline
{
    private readonly List<DeadlinePause> _pauses = [];
    private readonly List<DeadlineExtension> _extensions = [];
    private readonly List<DeadlineRecomputation> _recomputations = [];

    private CaseDeadline() { }

    public DeadlineKind Kind { get; private set; }

    public ClockStart StartedBy { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string RowLabel { get; private set; } = "";

    public string CalendarName { get; private set; } = "";

    public string TimeZoneId { get; private set; } = "";

    public SlaTarget Target { get; private set; }

    /// <summary>What the target alone gives from the start, before pauses and extensions.</summary>
    public DateTimeOffset TargetDue { get; private set; }

    /// <summary>The deadline in force: met means done at or before this instant.</summary>
    public DateTimeOffset Due { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Null while the clock runs.</summary>
    public bool? Met { get; private set; }

    public bool MetAtFirstContact { get; private set; }

    public IReadOnlyList<DeadlinePause> Pauses => _pauses;

    public IReadOnlyList<DeadlineExtension> Extensions => _extensions;

    public IReadOnlyList<DeadlineRecomputation> Recomputations => _recomputations;

    public bool IsOpen => CompletedAt is null;

    public bool IsPaused => _pauses.Count > 0 && _pauses[^1].ResumedAt is null;

    /// <summary>When the running pause began, or null when the clock is not paused.</summary>
    public DateTimeOffset? PausedSince => IsPaused ? _pauses[^1].PausedAt : null;

    /// <summary>The date the customer was last given: the latest extension's date when later than the deadline, else the deadline.</summary>
    public DateTimeOffset CustomerExpectsBy =>
        _extensions.Count > 0 && _extensions[^1].NewDue > Due ? _extensions[^1].NewDue : Due;

    private DateTimeOffset LastEventAt => new[]
    {
        StartedAt,
        _pauses.Count > 0 ? _pauses[^1].ResumedAt ?? _pauses[^1].PausedAt : StartedAt,
        _extensions.Count > 0 ? _extensions[^1].GrantedAt : StartedAt,
    }.Max();

    /// <summary>
    /// Breached: done after the deadline, or still open past it with the clock running. A clock paused
    /// before its deadline cannot breach while it waits on the customer.
    /// </summary>
    public bool IsBreachedAt(DateTimeOffset now)
    {
        if (!IsOpen)
        {
            return Met == false;
        }

        return IsPaused ? _pauses[^1].BeganAfterBreach : now > Due;
    }

    internal static CaseDeadline Start(DeadlineKind kind, ClockStart startedBy, DateTimeOffset at, string rowLabel, BusinessCalendar calendar, SlaTarget target)
    {
        var deadline = new CaseDeadline
        {
            Kind = kind,
            StartedBy = startedBy,
            StartedAt = at.ToUniversalTime(),
            RowLabel = rowLabel,
            CalendarName = calendar.Name,
            TimeZoneId = calendar.TimeZoneId,
            Target = target,
        };
        deadline.TargetDue = deadline.Due = target.DeadlineFrom(at, calendar);
        return deadline;
    }

    internal void Pause(DateTimeOffset at)
    {
        RequireOpen("paused");
        if (IsPaused)
        {
            throw new DomainRuleException($"The {Name} clock is already paused.");
        }

        RequireInOrder(at, "paused");
        var pause = new DeadlinePause(at.ToUniversalTime());
        pause.Begin(Due);
        _pauses.Add(pause);
    }

    internal void Resume(DateTimeOffset at, BusinessCalendar calendar)
    {
        RequireOpen("resumed");
        if (!IsPaused)
        {
            throw new DomainRuleException($"The {Name} clock is not paused.");
        }

        RequireCalendar(calendar);
        RequireInOrder(at, "resumed");
        var pause = _pauses[^1];
        pause.End(at.ToUniversalTime());
        Due = MoveLater(pause, Due, calendar);
    }

    internal DeadlineExtension Extend(DateTimeOffset grantedAt, DateTimeOffset newDue, string reason)
    {
        RequireOpen("extended");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("An extension needs a reason.");
        }

        RequireInOrder(grantedAt, "extended");
        if (newDue <= grantedAt)
        {
            throw new DomainRuleException("An extension's new date must be later than when it is granted.");
        }

        if (grantedAt <= Due && newDue <= Due)
        {
            throw new DomainRuleException($"An extension must move the deadline later than {Local(Due)}.");
        }

        var extension = new DeadlineExtension(grantedAt.ToUniversalTime(), newDue, reason.Trim());
        Due = extension.ApplyTo(Due);
        _extensions.Add(extension);
        return extension;
    }

    /// <summary>Done at <paramref name="at"/>; a paused clock resumes first, which is why it needs its calendar.</summary>
    internal void Complete(DateTimeOffset at, BusinessCalendar? calendar)
    {
        RequireOpen("completed");
        RequireInOrder(at, "completed");
        if (IsPaused)
        {
            Resume(at, calendar ?? throw new DomainRuleException($"The paused {Name.ToLowerInvariant()} clock needs its calendar to resume."));
        }

        CompletedAt = at.ToUniversalTime();
        Met = at <= Due;
    }

    /// <summary>A case resolved at first contact meets acknowledgement and resolution whenever it is logged.</summary>
    internal void CompleteAtFirstContact(DateTimeOffset at)
    {
        RequireOpen("completed");
        CompletedAt = at.ToUniversalTime();
        Met = true;
        MetAtFirstContact = true;
    }

    /// <summary>Works an open deadline out again from its own start with a new row; a finished one keeps the target it was measured against.</summary>
    internal DeadlineChange? Recompute(string rowLabel, BusinessCalendar calendar, SlaTarget target, DateTimeOffset at, string reason)
    {
        if (!IsOpen)
        {
            return null;
        }

        var previousDue = Due;
        _recomputations.Add(new DeadlineRecomputation(at.ToUniversalTime(), reason, RowLabel, Target, Due));
        RowLabel = rowLabel;
        CalendarName = calendar.Name;
        TimeZoneId = calendar.TimeZoneId;
        Target = target;
        Replay(calendar);
        return new DeadlineChange(Kind, previousDue, Due, reason);
    }

    private string Name => Kind switch
    {
        DeadlineKind.Acknowledgement => "Acknowledgement",
        DeadlineKind.Resolution => "Resolution",
        _ => "Follow-up",
    };

    private void Replay(BusinessCalendar calendar)
    {
        var due = TargetDue = Target.DeadlineFrom(StartedAt, calendar);
        foreach (var step in StepsInOrder())
        {
            switch (step)
            {
                case PauseBegan began:
                    began.Pause.Begin(due);
                    break;
                case PauseEnded ended:
                    due = MoveLater(ended.Pause, due, calendar);
                    break;
                case DeadlineExtension extension:
                    due = extension.ApplyTo(due);
                    break;
            }
        }

        Due = due;
    }

    // A pause that ends and one that begins at the same instant happen in that order; an extension
    // granted at the instant a pause begins is judged against the deadline before the pause.
    private List<object> StepsInOrder()
    {
        var steps = new List<(DateTimeOffset At, int Order, object Step)>();
        foreach (var pause in _pauses)
        {
            steps.Add((pause.PausedAt, 2, new PauseBegan(pause)));
            if (pause.ResumedAt is { } resumedAt)
            {
                steps.Add((resumedAt, 0, new PauseEnded(pause)));
            }
        }

        steps.AddRange(_extensions.Select(e => (e.GrantedAt, 1, (object)e)));
        return [.. steps.OrderBy(s => s.At).ThenBy(s => s.Order).Select(s => s.Step)];
    }

    /// <summary>
    /// On resume the deadline moves later by the paused time measured in the target's own unit: elapsed
    /// time; business time; or one working day for each close of business that passed while paused.
    /// </summary>
    private DateTimeOffset MoveLater(DeadlinePause pause, DateTimeOffset due, BusinessCalendar calendar)
    {
        var (from, to) = (pause.PausedAt, pause.ResumedAt!.Value);
        if (pause.BeganAfterBreach)
        {
            pause.Moved(due, "not counted: the deadline had already passed");
            return due;
        }

        if (Target.IsElapsed)
        {
            var elapsed = to - from;
            pause.Moved(due + elapsed, $"{Words(elapsed)} of wall-clock time");
        }
        else if (Target.IsBusinessTime)
        {
            var business = calendar.BusinessTimeBetween(from, to);
            pause.Moved(calendar.AddBusinessTime(due, business), $"{Words(business)} of business time");
        }
        else
        {
            var closes = calendar.ClosesOfBusinessBetween(from, to);
            pause.Moved(
                calendar.AddWorkingDays(due, closes),
                closes == 1 ? "1 close of business passed, so 1 working day" : $"{closes} closes of business passed, so {closes} working days");
        }

        return pause.DueAfter!.Value;
    }

    private void RequireOpen(string what)
    {
        if (!IsOpen)
        {
            throw new DomainRuleException($"The {Name.ToLowerInvariant()} deadline was already met or missed and cannot be {what}.");
        }
    }

    private void RequireInOrder(DateTimeOffset at, string what)
    {
        if (at < LastEventAt)
        {
            throw new DomainRuleException($"The {Name.ToLowerInvariant()} clock cannot be {what} at {Local(at)}, before its last recorded change at {Local(LastEventAt)}.");
        }
    }

    internal void RequireCalendar(BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (!string.Equals(calendar.Name, CalendarName, StringComparison.Ordinal))
        {
            throw new DomainRuleException($"The {Name.ToLowerInvariant()} deadline is counted on the '{CalendarName}' calendar, not '{calendar.Name}'.");
        }
    }

    private sealed record PauseBegan(DeadlinePause Pause);

    private sealed record PauseEnded(DeadlinePause Pause);
}
