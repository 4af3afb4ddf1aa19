namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// An administrator chooses the department that complaints of a type, made on the public form, are
/// referred to. None leaves them with the desk's default department.
/// </summary>
public static class ChooseDefaultDepartment
{
    public sealed record Command(int ComplaintTypeId, int? DepartmentId) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.DepartmentId)
                .MustAsync(async (id, ct) => await db.Departments.AnyAsync(d => d.Id == id, ct))
                .When(c => c.DepartmentId is not null)
                .WithMessage("Choose one of the listed departments.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var type = await db.ComplaintTypes.SingleOrDefaultAsync(t => t.Id == command.ComplaintTypeId, cancellationToken)
                ?? throw new ConfigurationNotFoundException("complaint type", command.ComplaintTypeId);
            var before = type.DefaultDepartmentId;
            if (before == command.DepartmentId)
            {
                return Unit.Value;
            }

            type.ReferNewComplaintsTo(command.DepartmentId);
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, $"Complaint type {type.Name}", "Default department changed",
                new { DefaultDepartmentId = before }, new { DefaultDepartmentId = command.DepartmentId }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
