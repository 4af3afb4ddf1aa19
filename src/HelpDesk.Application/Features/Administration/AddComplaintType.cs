namespace HelpDesk.Application.Features.Administration;

/// <summary>An administrator adds a complaint type; it is offered on the log form at once.</summary>
public static class AddComplaintType
{
    public sealed record Command(string? Name) : ICommand<int>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the complaint type's name.")
                .Must(n => n!.Trim().Length <= ComplaintType.NameMaxLength).WithMessage($"Keep the name to {ComplaintType.NameMaxLength} characters or fewer.")
                .MustAsync(async (name, ct) => !await db.ComplaintTypes.AnyAsync(t => t.Name.ToLower() == name!.Trim().ToLower(), ct))
                .WithMessage(c => $"There is already a complaint type called {c.Name!.Trim()} (perhaps retired: reactivate it instead).");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var type = new ComplaintType(command.Name!);
            db.ComplaintTypes.Add(type);
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, $"Complaint type {type.Name}", "Added", null, new { type.Name, Offered = true }));
            await db.SaveChangesAsync(cancellationToken);
            return type.Id;
        }
    }
}
