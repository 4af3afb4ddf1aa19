using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Sla;

/// <summary>
/// One row of the SLA table: the complaint type and priority it applies to (null = any), the calendar
/// its business time and working days are counted on, and its three targets.
/// </summary>
public sealed class SlaRow
{
    public SlaRow(
        int? complaintTypeId,
        Priority? priority,
        string label,
        BusinessCalendar calendar,
        SlaTarget acknowledge,
        SlaTarget resolve,
        SlaTarget followUp)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ComplaintTypeId = complaintTypeId;
        Priority = priority;
        Label = string.IsNullOrWhiteSpace(label) ? throw new DomainRuleException("An SLA row needs a label to explain deadlines with.") : label.Trim();
        Calendar = calendar;
        Acknowledge = acknowledge;
        Resolve = resolve;
        FollowUp = followUp;
    }

    /// <summary>Null matches any complaint type.</summary>
    public int? ComplaintTypeId { get; }

    /// <summary>Null matches any priority.</summary>
    public Priority? Priority { get; }

    /// <summary>How explanations name the row, e.g. "Billing issues, any priority".</summary>
    public string Label { get; }

    public BusinessCalendar Calendar { get; }

    public SlaTarget Acknowledge { get; }

    public SlaTarget Resolve { get; }

    public SlaTarget FollowUp { get; }

    public bool IsDefault => ComplaintTypeId is null && Priority is null;

    public SlaTarget TargetFor(DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledgement => Acknowledge,
        DeadlineKind.Resolution => Resolve,
        _ => FollowUp,
    };

    public override string ToString() => Label;
}
