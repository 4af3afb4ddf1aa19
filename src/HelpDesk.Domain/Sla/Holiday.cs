namespace HelpDesk.Domain.Sla;

/// <summary>A local date on which the calendar is closed all day, whatever its weekday hours say.</summary>
public sealed record Holiday
{
    public Holiday(DateOnly date, string name)
    {
        Date = date;
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainRuleException($"The holiday on {date:yyyy-MM-dd} needs a name.") : name.Trim();
    }

    public DateOnly Date { get; }

    public string Name { get; }
}
