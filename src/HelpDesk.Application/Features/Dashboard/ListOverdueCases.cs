using System.Globalization;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// The supervisor's "Overdue now" panel: open cases (not closed) whose running acknowledgement,
/// resolution or follow-up deadline has passed, most overdue first, with which deadline it is and by
/// how much, and how the overdue cases spread over departments, complaint types and assignees.
/// </summary>
/// <remarks>
/// A resolved case is still open until it is closed: its follow-up clock runs, and a missed follow-up
/// is overdue work like any other. This is the same set the workspace's overdue queue lists
/// (<c>/cases?queue=overdue</c>), so a count's link leads to exactly the cases it counted.
/// </remarks>
public static class ListOverdueCases
{
    public const int PageSize = 50;

    /// <summary>The most overdue cases to list; the CSV export asks for up to <see cref="ExportLimit"/>.</summary>
    public sealed record Query(int Limit = PageSize) : IQuery<Panel>;

    public const int ExportLimit = 10_000;

    public sealed record Row : PanelRow
    {
        internal Row(PanelCase listed, CaseDeadline clock, TimeSpan overdueBy, string standing)
            : base(listed, clock)
        {
            OverdueBy = overdueBy;
            Standing = standing;
        }

        /// <summary>Clock time since the deadline passed.</summary>
        public TimeSpan OverdueBy { get; }

        /// <summary>The same in the deadline's own terms, e.g. "overdue by 2 working days".</summary>
        public string Standing { get; }
    }

    /// <summary>How many overdue cases share a department, type or assignee; Key is null for "none" (unassigned, say).</summary>
    public sealed record Count(string? Key, string Label, int Cases);

    public sealed record Panel(
        DateTimeOffset Now,
        int Total,
        IReadOnlyList<Row> Rows,
        IReadOnlyList<Count> ByDepartment,
        IReadOnlyList<Count> ByType,
        IReadOnlyList<Count> ByAssignee);

    /// <summary>
    /// NextDueAt is the earliest clock still running (a paused resolution clock is not running), so a
    /// resolved case counts here only when its follow-up is late. Closed is a literal in the SQL, so the
    /// planner uses the partial queue index.
    /// </summary>
    internal static IQueryable<Complaint> OverdueAt(HelpDeskDbContext db, DateTimeOffset now) =>
        db.Complaints.AsNoTracking().Where(c => c.Status != CaseStatus.Closed && c.NextDueAt < now);

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, TimeProvider time) : IQueryHandler<Query, Panel>
    {
        public async ValueTask<Panel> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var overdue = OverdueAt(db, now);

            // NextDueAt is the earliest running deadline, so ordering by it puts the most overdue first.
            var cases = await overdue
                .OrderBy(c => c.NextDueAt).ThenBy(c => c.Id)
                .Take(Math.Clamp(query.Limit, 1, ExportLimit))
                .SelectPanelCases(db)
                .ToListAsync(cancellationToken);

            var calendars = new Dictionary<string, BusinessCalendar>();
            var rows = new List<Row>(cases.Count);
            foreach (var c in cases)
            {
                var clock = c.RunningClocks.Where(d => d.Due < now).MinBy(d => d.Due);
                if (clock is null)
                {
                    continue;
                }

                if (!calendars.TryGetValue(clock.CalendarName, out var calendar))
                {
                    calendar = calendars[clock.CalendarName] = await sla.CalendarNamedAsync(clock.CalendarName, cancellationToken);
                }

                rows.Add(new Row(c, clock, now - clock.Due, clock.DescribeStanding(now, calendar)));
            }

            var byDepartment = await overdue.GroupBy(c => c.DepartmentId)
                .Select(g => new { g.Key, Cases = g.Count() })
                .ToListAsync(cancellationToken);
            var byType = await overdue.GroupBy(c => c.ComplaintTypeId)
                .Select(g => new { g.Key, Cases = g.Count() })
                .ToListAsync(cancellationToken);
            var byAssignee = await overdue.GroupBy(c => c.AssigneeId)
                .Select(g => new { g.Key, Cases = g.Count() })
                .ToListAsync(cancellationToken);

            var departmentIds = byDepartment.Where(d => d.Key != null).Select(d => d.Key!.Value).ToList();
            var departmentNames = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
                .Select(d => new { d.Id, d.Name }).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
            var typeIds = byType.Select(t => t.Key).ToList();
            var typeNames = await db.ComplaintTypes.AsNoTracking().Where(t => typeIds.Contains(t.Id))
                .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            var assigneeIds = byAssignee.Where(a => a.Key != null).Select(a => a.Key!).ToList();
            var assigneeNames = await db.Users.AsNoTracking().Where(u => assigneeIds.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

            return new Panel(
                now,
                byType.Sum(t => t.Cases),
                rows,
                Order(byDepartment.Select(d => d.Key is { } id
                    ? new Count(id.ToString(CultureInfo.InvariantCulture), departmentNames.GetValueOrDefault(id, "Unknown department"), d.Cases)
                    : new Count(null, "No department", d.Cases))),
                Order(byType.Select(t => new Count(t.Key.ToString(CultureInfo.InvariantCulture), typeNames.GetValueOrDefault(t.Key, "Unknown type"), t.Cases))),
                Order(byAssignee.Select(a => a.Key is { } id
                    ? new Count(id, assigneeNames.GetValueOrDefault(id) ?? "Unknown member of staff", a.Cases)
                    : new Count(null, "Unassigned", a.Cases))));
        }

        private static List<Count> Order(IEnumerable<Count> counts) =>
            [.. counts.OrderByDescending(c => c.Cases).ThenBy(c => c.Label, StringComparer.Ordinal)];
    }
}
