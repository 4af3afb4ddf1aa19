namespace HelpDesk.Domain.Cases;

/// <summary>
/// A case: a complaint, a question or a request for service (its <see cref="Kind"/>). All three kinds
/// go through the same lifecycle and carry the same deadlines.
/// </summary>
public sealed class Complaint
{
    public const int SubjectMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;

    private readonly List<TimelineEvent> _timeline = [];

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

    public static Complaint Log(ReferenceNumber reference, NewCase details, Actor loggedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(loggedBy);
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
        };
        complaint._timeline.Add(new TimelineEvent(
            complaint.LoggedAt,
            loggedBy.Id,
            loggedBy.DisplayName,
            TimelineEventType.Logged,
            $"{details.Kind.Describe()} logged from {details.Channel.Describe().ToLowerInvariant()} as {complaint.Reference}",
            visibleToCustomer: true));
        return complaint;
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
