using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Sla;

/// <summary>The complaint type ids the seeded SLA table names.</summary>
public sealed record SeededComplaintTypes(int BillingIssues, int ProductDefects, int ServiceOutage);

/// <summary>
/// The SLA table: rows keyed by complaint type and priority, either of which may be "any". The row that
/// applies is the first that matches in this order: type + priority, any type + priority, type + any
/// priority, the default row; so a Critical case takes the Critical row whatever its type.
/// </summary>
public sealed class SlaTable
{
    private readonly SlaRow[] _rows;

    private SlaTable(SlaRow[] rows) => _rows = rows;

    public IReadOnlyList<SlaRow> Rows => _rows;

    public SlaRow DefaultRow => _rows.First(r => r.IsDefault);

    /// <summary>Refuses a table without a default row (any type, any priority) and one that keys a row twice.</summary>
    public static SlaTable Create(IEnumerable<SlaRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToArray();
        if (!list.Any(r => r.IsDefault))
        {
            throw new DomainRuleException("The SLA table needs a default row (any type, any priority) so that every case gets deadlines.");
        }

        var twice = list.GroupBy(r => (r.ComplaintTypeId, r.Priority)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new DomainRuleException($"The SLA table has two rows for the same type and priority: {string.Join(" and ", twice.Select(r => $"\"{r.Label}\""))}.");
        }

        return new SlaTable(list);
    }

    /// <summary>
    /// The policy's seeded table (docs/sla-rules.md): the default row and Billing issues, Product defects and Service outage on
    /// the office calendar; any type at Critical priority on the 24/7 calendar.
    /// </summary>
    public static SlaTable Seeded(SeededComplaintTypes types, BusinessCalendar office, BusinessCalendar aroundTheClock)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Create(
        [
            new SlaRow(null, null, "Default: any type, any priority", office,
                SlaTarget.WorkingDays(1), SlaTarget.WorkingDays(7), SlaTarget.WorkingDays(7)),
            new SlaRow(types.BillingIssues, null, "Billing issues, any priority", office,
                SlaTarget.ElapsedHours(24), SlaTarget.WorkingDays(3), SlaTarget.WorkingDays(7)),
            new SlaRow(types.ProductDefects, null, "Product defects, any priority", office,
                SlaTarget.ElapsedHours(24), SlaTarget.WorkingDays(5), SlaTarget.WorkingDays(14)),
            new SlaRow(types.ServiceOutage, null, "Service outage, any priority", office,
                SlaTarget.ElapsedHours(12), SlaTarget.WorkingDays(2), SlaTarget.WorkingDays(7)),
            new SlaRow(null, Priority.Critical, "Any type, Critical", aroundTheClock,
                SlaTarget.ElapsedHours(1), SlaTarget.ElapsedHours(6), SlaTarget.WorkingDays(1)),
        ]);
    }

    public SlaRow RowFor(int complaintTypeId, Priority priority) =>
        Find(complaintTypeId, priority)
        ?? Find(null, priority)
        ?? Find(complaintTypeId, null)
        ?? DefaultRow;

    private SlaRow? Find(int? complaintTypeId, Priority? priority)
    {
        foreach (var row in _rows)
        {
            if (row.ComplaintTypeId == complaintTypeId && row.Priority == priority)
            {
                return row;
            }
        }

        return null;
    }
}
