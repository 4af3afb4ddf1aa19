using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Sla;

/// <summary>
/// One row of the SLA table as administrators keep it: which cases it is for (a complaint type and a
/// priority, either of which may be "any"), the calendar, and the three targets. Retired rows stay for
/// the record but no longer match. <see cref="ToRow"/> gives the row the matching runs on.
/// </summary>
public sealed class SlaRule
{
    private SlaRule() { }

    public int Id { get; private set; }

    /// <summary>Null matches any complaint type.</summary>
    public int? ComplaintTypeId { get; private set; }

    /// <summary>Null matches any priority.</summary>
    public Priority? Priority { get; private set; }

    public int CalendarId { get; private set; }
    public SlaTarget Acknowledge { get; private set; }
    public SlaTarget Resolve { get; private set; }
    public SlaTarget FollowUp { get; private set; }
    public bool IsRetired { get; private set; }
    public int Version { get; private set; }

    public bool IsDefault => ComplaintTypeId is null && Priority is null;

    public static SlaRule Create(int? complaintTypeId, Priority? priority, int calendarId, SlaTarget acknowledge, SlaTarget resolve, SlaTarget followUp)
    {
        var rule = new SlaRule { ComplaintTypeId = complaintTypeId, Priority = priority, Version = 1 };
        rule.Set(calendarId, acknowledge, resolve, followUp);
        return rule;
    }

    public void Change(int calendarId, SlaTarget acknowledge, SlaTarget resolve, SlaTarget followUp)
    {
        Set(calendarId, acknowledge, resolve, followUp);
        Version++;
    }

    /// <summary>Retired rows no longer match new cases. The default row cannot be retired: every case needs a row.</summary>
    public void Retire()
    {
        if (IsDefault)
        {
            throw new DomainRuleException("The default row cannot be retired: it is the row for every case no other row matches.");
        }

        IsRetired = true;
        Version++;
    }

    public void Reinstate()
    {
        IsRetired = false;
        Version++;
    }

    public SlaRow ToRow(string? complaintTypeName, BusinessCalendar calendar) =>
        new(ComplaintTypeId, Priority, LabelFor(complaintTypeName, Priority), calendar, Acknowledge, Resolve, FollowUp);

    /// <summary>How explanations and the policy page name a row: "Billing issues, any priority", "Any type, Critical", "Default".</summary>
    public static string LabelFor(string? complaintTypeName, Priority? priority) =>
        (complaintTypeName, priority) switch
        {
            (null, null) => "Default (any type, any priority)",
            (null, { } p) => $"Any type, {p}",
            ({ } t, null) => $"{t}, any priority",
            ({ } t, { } p) => $"{t}, {p}",
        };

    private void Set(int calendarId, SlaTarget acknowledge, SlaTarget resolve, SlaTarget followUp)
    {
        foreach (var (target, what) in new[] { (acknowledge, "acknowledge"), (resolve, "resolve"), (followUp, "follow-up") })
        {
            if (target.Amount <= 0)
            {
                throw new DomainRuleException($"The {what} target must be more than zero.");
            }
        }

        CalendarId = calendarId;
        Acknowledge = acknowledge;
        Resolve = resolve;
        FollowUp = followUp;
    }
}
