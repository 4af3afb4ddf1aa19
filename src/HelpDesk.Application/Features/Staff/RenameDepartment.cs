using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Staff;

namespace HelpDesk.Application.Features.Staff;

public static class RenameDepartment
{
    public sealed record Command(int? DepartmentId, string? Name) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.DepartmentId).MustBeADepartment(db);
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Give the department a name.")
                .MaximumLength(Department.NameMaxLength).WithMessage($"Keep the name to {Department.NameMaxLength} characters.")
                .MustAsync(async (c, name, cancellationToken) => !await db.Departments.AnyNamedAsync(name!, c.DepartmentId, cancellationToken))
                .WithMessage("There is already a department with that name.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = await db.Departments.SingleAsync(d => d.Id == command.DepartmentId, cancellationToken);
            var before = department.Name;
            department.Rename(command.Name!);
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Department {before}", "Renamed", before, department.Name));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
