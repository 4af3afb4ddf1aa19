using HelpDesk.Application.Features.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// An administrator changes a calendar's zone, weekly hours or holidays. Its name stays: cases name
/// the calendar their deadlines were counted on. New cases count on the new hours at once (the
/// calendar's version grows, so every app instance rebuilds its cached copy); open cases keep their
/// deadlines unless the administrator applies the change to them too.
/// </summary>
public static class ChangeCalendar
{
    public sealed record Command : CalendarFields, ICommand<Result>
    {
        public Command() { }

        public Command(CalendarFields fields) : base(fields) { }

        public int Id { get; init; }
        public bool ApplyToOpenCases { get; init; }
    }

    public sealed record Result(int CasesRecomputed);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new CalendarFieldsValidator());
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var calendar = await db.Calendars.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
                ?? throw new ConfigurationNotFoundException("calendar", command.Id);
            var before = CalendarText.State(calendar);
            calendar.Change(command.TimeZoneId!, CalendarText.ReadWeek(command), CalendarText.ReadHolidays(command.Holidays));
            var change = ConfigurationRecord.Of(currentUser, time, $"Calendar {calendar.Name}", "Edited", before, CalendarText.State(calendar));
            var name = calendar.Name;
            return new Result(await OpenCaseRecomputation.SaveAsync(db, sla, change, command.ApplyToOpenCases,
                after => (type, priority) => after.RowFor(type, priority).Calendar.Name == name, currentUser, time, cancellationToken));
        }
    }
}
