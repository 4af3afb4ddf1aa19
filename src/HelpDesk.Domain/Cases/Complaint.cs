using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Cases;

/// <summary>
/// A case: a complaint, a question or a request for service (its <see cref="Kind"/>). All three kinds
/// go through the same lifecycle and carry the same deadlines.
/// </summary>
public sealed partial class Complaint
{
    public const int SubjectMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;

    private readonly List<TimelineEvent> _timeline = [];
    private readonly List<CaseResolution> _resolutions = [];

    private Complaint() { }

    public long Id { get; private set; }
    public string Reference { get; private set; } = "";
    public CaseKind Kind { get; private set; }
    public Channel Channel { get; private set; }
    public int ComplaintTypeId { get; private set; }
    public Priority Priority { get; private set; }
    public CaseStatus Status { get; private set; }

    /// <summary>When the customer made contact; the acknowledgement and resolution clocks start here.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>When staff entered it; differs from <see cref="ReceivedAt"/> for a letter logged on a later day.</summary>
    public DateTimeOffset LoggedAt { get; private set; }

    public string? LoggedById { get; private set; }
    public CustomerContact Customer { get; private set; } = null!;
    public string Subject { get; private set; } = "";
    public string Description { get; private set; } = "";
    public IReadOnlyList<TimelineEvent> Timeline => _timeline;

    /// <summary>The three deadlines, computed at logging and kept with the case (a snapshot of the SLA row).</summary>
    public CaseDeadlines Deadlines { get; private set; } = null!;

    // The deadlines in force, copied out of Deadlines into plain columns so the dashboard and the queues
    // can filter and sort millions of cases on an index.
    public DateTimeOffset AcknowledgeDue { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public DateTimeOffset ResolveDue { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? FollowUpDue { get; private set; }
    public DateTimeOffset? FollowedUpAt { get; private set; }
    public bool ResolutionPaused { get; private set; }

    /// <summary>The earliest deadline still running (not met, not paused), or null when none is.</summary>
    public DateTimeOffset? NextDueAt { get; private set; }

    public static Complaint Log(ReferenceNumber reference, NewCase details, SlaRow row, Actor loggedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(loggedBy);
        if (row.ComplaintTypeId is { } typeId && typeId != details.ComplaintTypeId || row.Priority is { } priority && priority != details.Priority)
        {
            throw new DomainRuleException($"The SLA row \"{row.Label}\" does not apply to this case.");
        }

        if (details.ReceivedAt > now)
        {
            throw new DomainRuleException("A case cannot be received in the future.");
        }

        var complaint = new Complaint
        {
            Reference = reference.ToString(),
            Kind = details.Kind,
            Channel = details.Channel,
            ComplaintTypeId = details.ComplaintTypeId,
            Priority = details.Priority,
            Status = CaseStatus.Logged,
            ReceivedAt = details.ReceivedAt.ToUniversalTime(),
            LoggedAt = now.ToUniversalTime(),
            LoggedById = loggedBy.Id,
            Customer = details.Customer,
            Subject = RequireText(details.Subject, "subject", SubjectMaxLength),
            Description = RequireText(details.Description, "description", DescriptionMaxLength),
            // Both clocks start when the customer made contact, not when staff got round to logging it.
            Deadlines = CaseDeadlines.Start(row, details.ReceivedAt),
        };
        complaint.CopyDeadlines();
        complaint._timeline.Add(new TimelineEvent(
            complaint.LoggedAt,
            loggedBy.Id,
            loggedBy.DisplayName,
            TimelineEventType.Logged,
            $"{details.Kind.Describe()} logged from {details.Channel.Describe().ToLowerInvariant()} as {complaint.Reference}",
            visibleToCustomer: true));
        return complaint;
    }

    /// <summary>
    /// A new complaint type or priority selects a new SLA row: the open deadlines are worked out again
    /// from the original received-at with the row now in force, and the timeline says what moved.
    /// </summary>
    /// <returns>How many deadlines moved.</returns>
    public int ChangeClassification(int complaintTypeId, string complaintTypeName, Priority priority, string previousTypeName, SlaRow row, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(actor);
        if (complaintTypeId == ComplaintTypeId && priority == Priority)
        {
            throw new DomainRuleException("The complaint type and priority are unchanged.");
        }

        var before = $"{previousTypeName}, {Priority}";
        var after = $"{complaintTypeName}, {priority}";
        ComplaintTypeId = complaintTypeId;
        Priority = priority;
        _timeline.Add(new TimelineEvent(now, actor.Id, actor.DisplayName, TimelineEventType.ClassificationChanged,
            $"Type and priority changed from {before} to {after}", visibleToCustomer: false, before, after));
        return RecomputeDeadlines(row, actor, now, $"type and priority changed to {after}");
    }

    /// <summary>
    /// Works the open deadlines out again with <paramref name="row"/> (after a change of classification,
    /// or an SLA edit an administrator applied to open cases) and notes each that moved on the timeline.
    /// Returns how many deadlines moved.
    /// </summary>
    public int RecomputeDeadlines(SlaRow row, Actor actor, DateTimeOffset now, string reason)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(actor);
        var changes = Deadlines.ApplyRow(row, now, reason).Where(c => c.NewDue != c.PreviousDue).ToList();
        foreach (var change in changes)
        {
            _timeline.Add(new TimelineEvent(now, actor.Id, actor.DisplayName, TimelineEventType.DeadlineRecomputed,
                $"{change.Kind} deadline recomputed with the SLA row {row.Label} ({change.Reason}); it moved",
                visibleToCustomer: false, oldInstant: change.PreviousDue, newInstant: change.NewDue));
        }

        if (changes.Count == 0)
        {
            _timeline.Add(new TimelineEvent(now, actor.Id, actor.DisplayName, TimelineEventType.DeadlineRecomputed,
                $"Deadlines recomputed with {row.Label} ({reason}): none moved", visibleToCustomer: false));
        }

        CopyDeadlines();
        return changes.Count;
    }

    private void CopyDeadlines()
    {
        var d = Deadlines;
        AcknowledgeDue = d.Acknowledgement.Due;
        AcknowledgedAt = d.Acknowledgement.CompletedAt;
        ResolveDue = d.Resolution.Due;
        ResolvedAt = d.Resolution.CompletedAt;
        FollowUpDue = d.FollowUp?.Due;
        FollowedUpAt = d.FollowUp?.CompletedAt;
        ResolutionPaused = d.Resolution.IsPaused;
        NextDueAt = d.Clocks.Where(c => c.IsOpen && !c.IsPaused).Select(c => (DateTimeOffset?)c.Due).Min();
    }

    private static string RequireText(string value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainRuleException($"The {what} is required.");
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainRuleException($"The {what} is longer than {maxLength} characters.");
    }
}

/// <summary>What an agent enters when logging a case.</summary>
public sealed record NewCase(
    DateTimeOffset ReceivedAt,
    Channel Channel,
    CaseKind Kind,
    int ComplaintTypeId,
    Priority Priority,
    CustomerContact Customer,
    string Subject,
    string Description);
