using HelpDesk.Domain.Administration;

namespace HelpDesk.Application.Features.Staff;

/// <summary>The supervisor escalations from a department go to first; only an active Supervisor may be chosen, or none.</summary>
public static class SetDepartmentSupervisor
{
    public sealed record Command(int? DepartmentId, string? SupervisorId) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.DepartmentId).MustBeADepartment(db);
            RuleFor(c => c.SupervisorId)
                .MustAsync(async (id, cancellationToken) => string.IsNullOrEmpty(id) || await db.ActiveSupervisors().AnyAsync(u => u.Id == id, cancellationToken))
                .WithMessage("Choose one of the listed supervisors.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = await db.Departments.SingleAsync(d => d.Id == command.DepartmentId, cancellationToken);
            var before = department.SupervisorId;
            department.SetSupervisor(string.IsNullOrEmpty(command.SupervisorId) ? null : command.SupervisorId);
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Department {department.Name}", "Supervisor set", before, department.SupervisorId));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
