namespace HelpDesk.Domain.Cases;

/// <summary>
/// One change on a case: who, when, what, and the values before and after. Internal events never
/// reach the customer; customer-facing ones appear on the status page.
/// </summary>
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
        string? newValue = null)
    {
        OccurredAt = occurredAt;
        ActorId = actorId;
        ActorName = actorName;
        Type = type;
        Summary = summary;
        VisibleToCustomer = visibleToCustomer;
        OldValue = oldValue;
        NewValue = newValue;
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
}
