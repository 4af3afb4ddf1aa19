namespace HelpDesk.Domain.Cases;

/// <summary>
/// One change on a case: who, when, what, and the values before and after. Internal events never
/// reach the customer; customer-facing ones appear on the status page.
/// </summary>
/// <remarks>
/// Everything an entry will be read with later is recorded on it as it was then (docs/architecture.md,
/// "The timeline"): the instants it speaks of, typed, which each page shows in the desk's local time
/// (the summary reads up to them, see <see cref="Text"/>), and the department and person a step passed
/// the case to, by the names they had, so nothing is looked up again and history is not rewritten.
/// </remarks>
public sealed class TimelineEvent
{
    public const int TextMaxLength = 10_000;

    private TimelineEvent() { }

    internal TimelineEvent(
        DateTimeOffset occurredAt,
        string? actorId,
        string actorName,
        TimelineEventType type,
        string summary,
        bool visibleToCustomer,
        string? oldValue = null,
        string? newValue = null,
        DateTimeOffset? oldInstant = null,
        DateTimeOffset? newInstant = null,
        Referral? passedTo = null)
    {
        OccurredAt = occurredAt;
        ActorId = actorId;
        ActorName = actorName;
        Type = type;
        Summary = summary;
        VisibleToCustomer = visibleToCustomer;
        OldValue = oldValue;
        NewValue = newValue;
        OldInstant = oldInstant?.ToUniversalTime();
        NewInstant = newInstant?.ToUniversalTime();
        DepartmentName = passedTo?.DepartmentName;
        AssigneeName = passedTo?.AssigneeName;
    }

    public long Id { get; private set; }
    public long ComplaintId { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";
    public TimelineEventType Type { get; private set; }
    public string Summary { get; private set; } = "";
    public bool VisibleToCustomer { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }

    /// <summary>The instant a change moved from (a deadline before it was moved), when there is one.</summary>
    public DateTimeOffset? OldInstant { get; private set; }

    /// <summary>The instant the entry is about: the deadline or date now in force, or the one that passed.</summary>
    public DateTimeOffset? NewInstant { get; private set; }

    /// <summary>The department an acknowledgement, referral or escalation passed the case to, named as it was then.</summary>
    public string? DepartmentName { get; private set; }

    /// <summary>The person it passed the case to, as named then (staff see it in full; customers by first name).</summary>
    public string? AssigneeName { get; private set; }

    /// <summary>
    /// The entry as staff read it: a summary with instants reads up to them, and they follow it, as
    /// "from (old) to (new)" when both are there, in the words of <paramref name="local"/> (the page's
    /// own formatter of local times). Entries written before instants were typed have none, and keep
    /// the text they were written with.
    /// </summary>
    public static string Text(string summary, DateTimeOffset? oldInstant, DateTimeOffset? newInstant, Func<DateTimeOffset, string> local)
    {
        ArgumentNullException.ThrowIfNull(local);
        return (oldInstant, newInstant) switch
        {
            ({ } from, { } to) => $"{summary} from {local(from)} to {local(to)}",
            (null, { } at) => $"{summary} {local(at)}",
            _ => summary,
        };
    }
}

public enum TimelineEventType
{
    Logged,
    ClassificationChanged,
    DeadlineRecomputed,
    ResolvedAtFirstContact,
    Acknowledged,
    Referred,
    Escalated,
    WaitingOnCustomer,
    Resumed,
    Extended,
    Resolved,
    FollowedUp,
    Closed,
    Reopened,
    InternalNote,
    CustomerUpdate,
    MessageQueued,
    SurveyAnswered,
    DeadlineBreached,
    CustomerMessage,
    OtherSenderMessage,
    AutomaticMessage,
    ReplySent,
    AcknowledgementWithheld,
    MessageBounced,
    FollowsCase,
}
