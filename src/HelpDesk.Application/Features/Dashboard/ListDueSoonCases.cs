using System.Globalization;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// The supervisor's "Due soon" panel: open cases whose next running deadline (acknowledge, resolve or
/// follow up; a paused clock is not running) falls within the next N business hours of the case's own
/// calendar, soonest first.
/// </summary>
/// <remarks>
/// <para>
/// "Within N business hours" is measured on each case's calendar: a deadline at 10:00 tomorrow is two
/// business hours away at 20:00 on an office calendar open 09:00–21:00, though it is fourteen clock
/// hours away. The SQL cannot do that arithmetic, so the query works in two steps:
/// </para>
/// <list type="number">
/// <item>For every calendar, the latest instant that is still within N business hours of now is the
/// next opening after now + N business hours (a deadline in the closed time just after that still has
/// exactly N business hours to go). The latest of these over all calendars is a clock-time bound no
/// case can exceed, so <c>next_due_at BETWEEN now AND bound</c> reads a narrow range of the partial
/// queue index (<c>ix_complaints_queue_all</c>) whatever the size of the table.</item>
/// <item>Each candidate is then kept only when its deadline is within its own calendar's bound: on the
/// 24/7 calendar the bound for N = 8 is 8 clock hours, on the office calendar overnight it can be
/// 20 hours later.</item>
/// </list>
/// <para>
/// A case already past one deadline is in "Overdue now" instead: its next due instant is in the past.
/// At most <see cref="CandidateLimit"/> candidates are read; beyond that the total says "at least".
/// </para>
/// </remarks>
public static class ListDueSoonCases
{
    public const int PageSize = 50;
    public const int DefaultBusinessHours = 8;
    public const int CandidateLimit = 5_000;

    /// <summary>The windows offered on the page; any whole number of hours from 1 to a week of them is accepted.</summary>
    public static readonly IReadOnlyList<int> OfferedBusinessHours = [4, 8, 16, 24];

    public const int MaximumBusinessHours = 168;

    public sealed record Query(int BusinessHours = DefaultBusinessHours, int Limit = PageSize) : IQuery<Panel>;

    public sealed record Row : PanelRow
    {
        internal Row(PanelCase listed, CaseDeadline clock, TimeSpan dueIn, string dueInWords)
            : base(listed, clock)
        {
            CalendarName = clock.CalendarName;
            DueIn = dueIn;
            DueInWords = dueInWords;
        }

        public string CalendarName { get; }

        /// <summary>Business time left on the case's calendar.</summary>
        public TimeSpan DueIn { get; }

        /// <summary>"due in 3 business hours 20 min".</summary>
        public string DueInWords { get; }
    }

    /// <param name="Total">Cases due within the window; at least this many when <see cref="AtLeast"/>.</param>
    public sealed record Panel(DateTimeOffset Now, int BusinessHours, int Total, bool AtLeast, IReadOnlyList<Row> Rows);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.BusinessHours).InclusiveBetween(1, MaximumBusinessHours)
                .WithMessage($"Choose a window of 1 to {MaximumBusinessHours} business hours.");
            RuleFor(q => q.Limit).InclusiveBetween(1, CandidateLimit);
        }
    }

    /// <summary>The latest instant that is still within <paramref name="window"/> of business time from <paramref name="now"/> on <paramref name="calendar"/>.</summary>
    public static DateTimeOffset LatestDueWithin(BusinessCalendar calendar, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.NextOpening(calendar.AddBusinessTime(now, window));
    }

    /// <summary>"due in 3 business hours 20 min", "due in 45 min", "due now".</summary>
    public static string DescribeDueIn(TimeSpan left)
    {
        var hours = (int)left.TotalHours;
        var minutes = left.Minutes;
        if (hours == 0 && minutes == 0)
        {
            return "due now";
        }

        var parts = new List<string>();
        if (hours > 0)
        {
            parts.Add(hours == 1 ? "1 business hour" : string.Create(CultureInfo.InvariantCulture, $"{hours} business hours"));
        }

        if (minutes > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{minutes} min"));
        }

        return "due in " + string.Join(" ", parts);
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, TimeProvider time) : IQueryHandler<Query, Panel>
    {
        public async ValueTask<Panel> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = time.GetUtcNow();
            var window = TimeSpan.FromHours(query.BusinessHours);
            var calendars = (await sla.CalendarsAsync(cancellationToken)).Values.ToDictionary(c => c.Name, StringComparer.Ordinal);
            var bounds = calendars.ToDictionary(c => c.Key, c => LatestDueWithin(c.Value, now, window), StringComparer.Ordinal);
            var bound = bounds.Count == 0 ? now : bounds.Values.Max();

            var candidates = await db.Complaints.AsNoTracking()
                .Where(c => c.Status != CaseStatus.Closed && c.NextDueAt >= now && c.NextDueAt <= bound)
                .OrderBy(c => c.NextDueAt).ThenBy(c => c.Id)
                .Take(CandidateLimit)
                .SelectPanelCases(db)
                .ToListAsync(cancellationToken);

            var due = new List<Row>();
            foreach (var c in candidates)
            {
                var clock = c.RunningClocks.Where(d => d.Due >= now).MinBy(d => d.Due);
                if (clock is null || !calendars.TryGetValue(clock.CalendarName, out var calendar) || clock.Due > bounds[clock.CalendarName])
                {
                    continue;
                }

                var left = calendar.BusinessTimeBetween(now, clock.Due);
                due.Add(new Row(c, clock, left, DescribeDueIn(left)));
            }

            return new Panel(now, query.BusinessHours, due.Count, candidates.Count == CandidateLimit, [.. due.Take(query.Limit)]);
        }
    }
}
