using System.Globalization;

namespace HelpDesk.Domain.Sla;

/// <summary>How an SLA target's amount is counted.</summary>
public enum SlaUnit
{
    /// <summary>Wall-clock minutes, whatever the calendar says.</summary>
    ElapsedMinutes,

    /// <summary>Wall-clock hours, whatever the calendar says ("24 hours" in the seeded table).</summary>
    ElapsedHours,

    /// <summary>Minutes inside the calendar's open hours.</summary>
    BusinessMinutes,

    /// <summary>Hours inside the calendar's open hours.</summary>
    BusinessHours,

    /// <summary>Close of business on the N-th working day after the local date the clock started.</summary>
    WorkingDays,
}

/// <summary>An amount and a unit: "24 hours", "8 business hours", "3 working days".</summary>
public readonly record struct SlaTarget
{
    public SlaTarget(int amount, SlaUnit unit)
    {
        if (amount < 0)
        {
            throw new DomainRuleException($"An SLA target cannot be negative ({amount}).");
        }

        if (!Enum.IsDefined(unit))
        {
            throw new DomainRuleException($"'{unit}' is not an SLA unit.");
        }

        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public SlaUnit Unit { get; }

    public bool IsElapsed => Unit is SlaUnit.ElapsedMinutes or SlaUnit.ElapsedHours;

    public bool IsBusinessTime => Unit is SlaUnit.BusinessMinutes or SlaUnit.BusinessHours;

    public bool IsWorkingDays => Unit == SlaUnit.WorkingDays;

    /// <summary>The target as a duration, for elapsed and business-time units.</summary>
    public TimeSpan Duration => Unit switch
    {
        SlaUnit.ElapsedMinutes or SlaUnit.BusinessMinutes => TimeSpan.FromMinutes(Amount),
        SlaUnit.ElapsedHours or SlaUnit.BusinessHours => TimeSpan.FromHours(Amount),
        _ => throw new InvalidOperationException($"{Describe()} is counted in working days, not as a duration."),
    };

    public static SlaTarget ElapsedMinutes(int amount) => new(amount, SlaUnit.ElapsedMinutes);

    public static SlaTarget ElapsedHours(int amount) => new(amount, SlaUnit.ElapsedHours);

    public static SlaTarget BusinessMinutes(int amount) => new(amount, SlaUnit.BusinessMinutes);

    public static SlaTarget BusinessHours(int amount) => new(amount, SlaUnit.BusinessHours);

    public static SlaTarget WorkingDays(int amount) => new(amount, SlaUnit.WorkingDays);

    /// <summary>
    /// The deadline for a clock started at <paramref name="start"/>, as a UTC instant. Elapsed units ignore
    /// the calendar; a zero amount is the start instant itself.
    /// </summary>
    public DateTimeOffset DeadlineFrom(DateTimeOffset start, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Unit switch
        {
            SlaUnit.ElapsedMinutes => start.ToUniversalTime().AddMinutes(Amount),
            SlaUnit.ElapsedHours => start.ToUniversalTime().AddHours(Amount),
            SlaUnit.BusinessMinutes => calendar.AddBusinessTime(start, TimeSpan.FromMinutes(Amount)),
            SlaUnit.BusinessHours => calendar.AddBusinessTime(start, TimeSpan.FromHours(Amount)),
            _ => calendar.AddWorkingDays(start, Amount),
        };
    }

    /// <summary>In words, as the policy and the screens say it: "24 hours", "1 working day", "8 business hours".</summary>
    public string Describe()
    {
        var noun = Unit switch
        {
            SlaUnit.ElapsedMinutes => "minute",
            SlaUnit.ElapsedHours => "hour",
            SlaUnit.BusinessMinutes => "business minute",
            SlaUnit.BusinessHours => "business hour",
            _ => "working day",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Amount} {noun}{(Amount == 1 ? "" : "s")}");
    }

    /// <summary>What the unit means, for a deadline's explanation.</summary>
    public string DescribeRule() => Unit switch
    {
        SlaUnit.ElapsedMinutes or SlaUnit.ElapsedHours => $"{Describe()} of wall-clock time, whatever the calendar says",
        SlaUnit.BusinessMinutes or SlaUnit.BusinessHours => $"{Describe()}: only time inside the calendar's open hours counts",
        _ => $"{Describe()}: close of business on working day {Amount.ToString(CultureInfo.InvariantCulture)} after the date the clock started (that date never counts)",
    };

    public override string ToString() => Describe();
}
