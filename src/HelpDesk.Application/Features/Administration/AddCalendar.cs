using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>An administrator adds a business calendar, for SLA rows to count business time and working days on.</summary>
public static class AddCalendar
{
    public sealed record Command : CalendarFields, ICommand<int>
    {
        public Command() { }

        public Command(CalendarFields fields) : base(fields) { }

        public string? Name { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the calendar's name.")
                .Must(n => n!.Trim().Length <= CalendarDefinition.NameMaxLength).WithMessage($"Keep the name to {CalendarDefinition.NameMaxLength} characters or fewer.")
                .MustAsync(async (name, ct) => !await db.Calendars.AnyAsync(k => k.Name.ToLower() == name!.Trim().ToLower(), ct))
                .WithMessage(c => $"There is already a calendar called {c.Name!.Trim()}.");
            Include(new CalendarFieldsValidator());
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var calendar = CalendarDefinition.Create(command.Name!, command.TimeZoneId!, CalendarText.ReadWeek(command), CalendarText.ReadHolidays(command.Holidays));
            db.Calendars.Add(calendar);
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, $"Calendar {calendar.Name}", "Added", null, CalendarText.State(calendar)));
            await db.SaveChangesAsync(cancellationToken);
            return calendar.Id;
        }
    }
}
