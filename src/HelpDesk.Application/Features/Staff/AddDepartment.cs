using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Staff;

namespace HelpDesk.Application.Features.Staff;

public static class AddDepartment
{
    public sealed record Command(string? Name) : ICommand<Result>;

    public sealed record Result(int Id);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Give the department a name.")
                .MaximumLength(Department.NameMaxLength).WithMessage($"Keep the name to {Department.NameMaxLength} characters.")
                .MustAsync(async (name, cancellationToken) => !await db.Departments.AnyNamedAsync(name!, null, cancellationToken))
                .WithMessage("There is already a department with that name.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = new Department(command.Name!);
            db.Departments.Add(department);
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Department {department.Name}", "Added", null, department.Name));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(department.Id);
        }
    }
}
