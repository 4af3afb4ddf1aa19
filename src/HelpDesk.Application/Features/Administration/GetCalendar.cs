using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>One calendar as its edit form shows it: each weekday's hours and the holidays as text; null when there is none.</summary>
public static class GetCalendar
{
    public sealed record Query(int Id) : IQuery<Calendar?>;

    public sealed record Calendar(int Id, string Name, string TimeZoneId, IReadOnlyDictionary<DayOfWeek, string> Hours, string Holidays);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Calendar?>
    {
        public async ValueTask<Calendar?> Handle(Query query, CancellationToken cancellationToken)
        {
            var calendar = await db.Calendars.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
            if (calendar is null)
            {
                return null;
            }

            var week = CalendarDefinition.ParseWeeklyHours(calendar.WeeklyHours);
            return new Calendar(calendar.Id, calendar.Name, calendar.TimeZoneId,
                Enum.GetValues<DayOfWeek>().ToDictionary(d => d, d => week.TryGetValue(d, out var hours) ? CalendarDefinition.FormatIntervals(hours) : ""),
                CalendarText.WriteHolidays(calendar.Holidays));
        }
    }
}
