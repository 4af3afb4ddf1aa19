namespace HelpDesk.Application.Features.Administration;

/// <summary>The business calendars, with how many SLA rows in force count time on each.</summary>
public static class ListCalendars
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string Name, string TimeZoneId, string WeeklyHours, int Holidays, int RowsInForce);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Calendars
                .AsNoTracking()
                .OrderBy(c => c.Name)
                .Select(c => new Item(c.Id, c.Name, c.TimeZoneId, c.WeeklyHours, c.Holidays.Count,
                    db.SlaRules.Count(r => r.CalendarId == c.Id && !r.IsRetired)))
                .ToListAsync(cancellationToken);
    }
}
