namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// An administrator renames a complaint type. Cases and SLA rows refer to it by id, so they follow
/// the new name; the audit record keeps the old one.
/// </summary>
public static class RenameComplaintType
{
    public sealed record Command(int Id, string? Name) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the complaint type's name.")
                .Must(n => n!.Trim().Length <= ComplaintType.NameMaxLength).WithMessage($"Keep the name to {ComplaintType.NameMaxLength} characters or fewer.")
                .MustAsync(async (c, name, ct) => !await db.ComplaintTypes.AnyAsync(t => t.Id != c.Id && t.Name.ToLower() == name!.Trim().ToLower(), ct))
                .WithMessage(c => $"There is already a complaint type called {c.Name!.Trim()}.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var type = await db.ComplaintTypes.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
                ?? throw new ConfigurationNotFoundException("complaint type", command.Id);
            var before = type.Name;
            type.Rename(command.Name!);
            if (before == type.Name)
            {
                return Unit.Value;
            }

            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, $"Complaint type {type.Name}", "Renamed", new { Name = before }, new { type.Name }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
