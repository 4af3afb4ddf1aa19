using System.Globalization;
using HelpDesk.Application.Identity;

namespace HelpDesk.Application.Features.Workspace;

/// <summary>
/// The agent's queues: the cases still being worked (not closed), soonest next deadline first, a page
/// at a time. Pages are found by keyset — the last row's (next deadline, id) — never by OFFSET, so
/// page 500 costs what page 1 does; cases with no deadline running (waiting on the customer, say)
/// follow the dated ones, by id.
/// </summary>
public static class ListCases
{
    public const int PageSize = 25;

    /// <summary>"Due soon" is a plain 24 hours of wall-clock time from now, not business hours.</summary>
    public static readonly TimeSpan DueSoonWithin = TimeSpan.FromHours(24);

    public static class Queues
    {
        public const string Mine = "mine";
        public const string Department = "department";
        public const string Unassigned = "unassigned";
        public const string DueSoon = "due-soon";
        public const string Overdue = "overdue";
        public const string Escalated = "escalated";

        public static readonly IReadOnlyList<string> All = [Mine, Department, Unassigned, DueSoon, Overdue, Escalated];
    }

    /// <summary>
    /// The department and assignee filters' value for "no department" and "nobody assigned", so the
    /// dashboard's "No department" and "Unassigned" counts can link to the cases they counted. Like
    /// every filter it only narrows the queue: a queue of the viewer's own cases with
    /// <c>assignee=none</c> is empty, not the unassigned cases.
    /// </summary>
    public const string None = "none";

    public static bool IsNone(string? value) => string.Equals(value, None, StringComparison.OrdinalIgnoreCase);

    /// <summary>The statuses a queue can be filtered by: closed cases have left the queues (search finds them).</summary>
    public static readonly IReadOnlyList<CaseStatus> OpenStatuses = [.. Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Closed)];

    /// <summary>Filters as typed in the query string; the validator turns an unknown value into a message.</summary>
    public sealed record Query : IQuery<Page>
    {
        public string? Queue { get; init; }
        public string? Status { get; init; }
        public string? Type { get; init; }
        public string? Priority { get; init; }
        public string? Channel { get; init; }
        public string? Department { get; init; }
        public string? Assignee { get; init; }

        /// <summary>The keyset of the last row of the previous page, as <see cref="Page.NextAfter"/> gave it.</summary>
        public string? After { get; init; }

        public int Size { get; init; } = PageSize;
    }

    public sealed record Row(
        long Id,
        string Reference,
        string Subject,
        string CustomerName,
        CaseStatus Status,
        Priority Priority,
        Channel Channel,
        string ComplaintType,
        string? Department,
        string? Assignee,
        int EscalationTier,
        DateTimeOffset? NextDueAt);

    public sealed record Choice(string Value, string Label);

    public sealed record Page(
        string Queue,
        IReadOnlyList<Row> Rows,
        string? NextAfter,
        DateTimeOffset Now,
        bool SeesEscalations,
        bool HasDepartment,
        IReadOnlyList<Choice> Types,
        IReadOnlyList<Choice> Departments,
        IReadOnlyList<Choice> Assignees);

    /// <summary>A position in a queue: after the row with this deadline (null: in the undated tail) and id.</summary>
    public readonly record struct Keyset(DateTimeOffset? Due, long Id)
    {
        private const string Undated = "none";

        public override string ToString() =>
            string.Create(CultureInfo.InvariantCulture, $"{(Due is { } due ? due.UtcTicks.ToString(CultureInfo.InvariantCulture) : Undated)}-{Id}");

        public static Keyset? Read(string? text)
        {
            var parts = text?.Split('-');
            if (parts is not { Length: 2 } || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1)
            {
                return null;
            }

            if (parts[0] == Undated)
            {
                return new Keyset(null, id);
            }

            return long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? new Keyset(new DateTimeOffset(ticks, TimeSpan.Zero), id)
                : null;
        }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(q => q.Queue).Must(q => q is null || Queues.All.Contains(q))
                .WithMessage("Choose one of the listed queues.");
            RuleFor(q => q.Status).Must(s => s is null || ParseOpenStatus(s) is not null)
                .WithMessage("Choose one of the listed statuses; closed cases are found with search.");
            RuleFor(q => q.Priority).Must(p => p is null || ParseName<Priority>(p) is not null)
                .WithMessage("Choose one of the listed priorities.");
            RuleFor(q => q.Channel).Must(c => c is null || ParseName<Channel>(c) is not null)
                .WithMessage("Choose one of the listed channels.");
            RuleFor(q => q.Type)
                .MustAsync(async (t, ct) => t is null || ParseId(t) is { } id && await db.ComplaintTypes.AnyAsync(x => x.Id == id, ct))
                .WithMessage("Choose one of the listed complaint types.");
            RuleFor(q => q.Department)
                .MustAsync(async (d, ct) => d is null || IsNone(d) || ParseId(d) is { } id && await db.Departments.AnyAsync(x => x.Id == id, ct))
                .WithMessage("Choose one of the listed departments, or No department.");
            RuleFor(q => q.Assignee)
                .MustAsync(async (a, ct) => a is null || IsNone(a) || await db.Users.AnyAsync(u => u.Id == a, ct))
                .WithMessage("Choose one of the listed members of staff, or Unassigned.");
            RuleFor(q => q.After).Must(a => a is null || Keyset.Read(a) is not null)
                .WithMessage("That page link is not valid; start again from the first page.");
            RuleFor(q => q.Size).InclusiveBetween(1, 200);
        }
    }

    internal static CaseStatus? ParseOpenStatus(string text) =>
        ParseName<CaseStatus>(text) is { } status && status != CaseStatus.Closed ? status : null;

    /// <summary>Names only: Enum.TryParse would also take "3" or "Low, High".</summary>
    internal static T? ParseName<T>(string text)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : null;

    internal static int? ParseId(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser user, TimeProvider time) : IQueryHandler<Query, Page>
    {
        public async ValueTask<Page> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var queue = query.Queue ?? Queues.Mine;
            var me = user.Actor.Id;
            var viewer = me is null
                ? null
                : await db.Users.AsNoTracking().Where(u => u.Id == me)
                    .Select(u => new
                    {
                        u.DepartmentId,
                        Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList(),
                    })
                    .SingleOrDefaultAsync(cancellationToken);
            var isSupervisor = viewer?.Roles.Any(r => r is StaffRoles.Supervisor or StaffRoles.Administrator) == true;
            var isAdministrator = viewer?.Roles.Contains(StaffRoles.Administrator) == true;
            var myDepartment = viewer?.DepartmentId;

            // The constants (Closed, tier 1) stay literals in the SQL, so the planner can use the partial indexes.
            var cases = db.Complaints.AsNoTracking().Where(c => c.Status != CaseStatus.Closed);
            cases = queue switch
            {
                // No one is assigned to an empty id, so a viewer without one sees an empty queue, not the unassigned cases.
                Queues.Mine => cases.Where(c => c.AssigneeId == (me ?? "")),
                Queues.Department => cases.Where(c => c.DepartmentId == (myDepartment ?? -1)),
                Queues.Unassigned => cases.Where(c => c.AssigneeId == null),
                Queues.DueSoon => cases.Where(c => c.NextDueAt >= now && c.NextDueAt < now + DueSoonWithin),
                Queues.Overdue => cases.Where(c => c.NextDueAt < now),
                _ => EscalatedTo(cases, me ?? "", isSupervisor ? myDepartment : null, isAdministrator),
            };
            cases = Filter(cases, query);

            var size = query.Size;
            var after = Keyset.Read(query.After);
            var rows = new List<Row>(size + 1);
            if (after is not { Due: null })
            {
                var dated = cases.Where(c => c.NextDueAt != null);
                if (after is { Due: { } due, Id: var lastId })
                {
                    DateTimeOffset? lastDue = due;
                    dated = dated.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.NextDueAt, c.Id), ValueTuple.Create(lastDue, lastId)));
                }

                rows.AddRange(await Project(dated.OrderBy(c => c.NextDueAt).ThenBy(c => c.Id).Take(size + 1)).ToListAsync(cancellationToken));
            }

            // Overdue and due soon hold dated cases only; the others go on into the cases with no deadline running.
            if (rows.Count <= size && queue is not (Queues.Overdue or Queues.DueSoon))
            {
                var afterId = after is { Due: null } ? after.Value.Id : 0;
                var undated = cases.Where(c => c.NextDueAt == null && c.Id > afterId).OrderBy(c => c.Id).Take(size + 1 - rows.Count);
                rows.AddRange(await Project(undated).ToListAsync(cancellationToken));
            }

            string? nextAfter = null;
            if (rows.Count > size)
            {
                rows.RemoveAt(size);
                nextAfter = new Keyset(rows[^1].NextDueAt, rows[^1].Id).ToString();
            }

            return new Page(
                queue,
                rows,
                nextAfter,
                now,
                isSupervisor,
                myDepartment is not null,
                await db.ComplaintTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id.ToString(CultureInfo.InvariantCulture), t.Name)).ToListAsync(cancellationToken),
                await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new Choice(d.Id.ToString(CultureInfo.InvariantCulture), d.Name)).ToListAsync(cancellationToken),
                await db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.DisplayName).Select(u => new Choice(u.Id, u.DisplayName)).ToListAsync(cancellationToken));
        }

        /// <summary>
        /// Escalated to the viewer: to them by name; at tier 2, to their department when they supervise;
        /// at tier 3 (senior management), to every administrator.
        /// </summary>
        private static IQueryable<Complaint> EscalatedTo(IQueryable<Complaint> cases, string me, int? supervisedDepartment, bool isAdministrator)
        {
            cases = cases.Where(c => c.EscalationTier > 1);
            return (supervisedDepartment, isAdministrator) switch
            {
                ({ } department, true) => cases.Where(c => c.AssigneeId == me || (c.EscalationTier == 2 && c.DepartmentId == department) || c.EscalationTier == 3),
                ({ } department, false) => cases.Where(c => c.AssigneeId == me || (c.EscalationTier == 2 && c.DepartmentId == department)),
                (null, true) => cases.Where(c => c.AssigneeId == me || c.EscalationTier == 3),
                (null, false) => cases.Where(c => c.AssigneeId == me),
            };
        }

        private static IQueryable<Complaint> Filter(IQueryable<Complaint> cases, Query query)
        {
            if (query.Status is { } s && ParseOpenStatus(s) is { } status)
            {
                cases = cases.Where(c => c.Status == status);
            }

            if (query.Type is { } t && ParseId(t) is { } typeId)
            {
                cases = cases.Where(c => c.ComplaintTypeId == typeId);
            }

            if (query.Priority is { } p && ParseName<Priority>(p) is { } priority)
            {
                cases = cases.Where(c => c.Priority == priority);
            }

            if (query.Channel is { } ch && ParseName<Channel>(ch) is { } channel)
            {
                cases = cases.Where(c => c.Channel == channel);
            }

            if (IsNone(query.Department))
            {
                cases = cases.Where(c => c.DepartmentId == null);
            }
            else if (query.Department is { } d && ParseId(d) is { } departmentId)
            {
                cases = cases.Where(c => c.DepartmentId == departmentId);
            }

            if (IsNone(query.Assignee))
            {
                cases = cases.Where(c => c.AssigneeId == null);
            }
            else if (query.Assignee is { } assignee)
            {
                cases = cases.Where(c => c.AssigneeId == assignee);
            }

            return cases;
        }

        private IQueryable<Row> Project(IQueryable<Complaint> cases) =>
            cases.WithNames(db).Select(n => new Row(
                n.Case.Id,
                n.Case.Reference,
                n.Case.Subject,
                n.Case.Customer.Name,
                n.Case.Status,
                n.Case.Priority,
                n.Case.Channel,
                n.ComplaintType,
                n.Department,
                n.Assignee,
                n.Case.EscalationTier,
                n.Case.NextDueAt));
    }
}
