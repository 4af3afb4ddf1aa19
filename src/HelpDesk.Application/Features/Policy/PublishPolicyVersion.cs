using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Publishing;

namespace HelpDesk.Application.Features.Policy;

/// <summary>
/// Publish a new version of the policy. Versions are never edited: a change is the next number, with
/// its approval and effective dates, its owner, what changed and who may read it.
/// </summary>
public static class PublishPolicyVersion
{
    public sealed record Command : ICommand<Result>
    {
        public string? Title { get; init; }
        public string? Body { get; init; }
        public DateOnly? ApprovedOn { get; init; }
        public DateOnly? EffectiveFrom { get; init; }
        public string? Owner { get; init; }
        public string? Changelog { get; init; }
        public PolicyVisibility? Visibility { get; init; }
    }

    public sealed record Result(int Number);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(DeskClock clock)
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Give the policy a title.")
                .MaximumLength(PolicyVersion.TitleMaxLength).WithMessage($"Keep the title to {PolicyVersion.TitleMaxLength} characters.");
            RuleFor(c => c.Body).NotEmpty().WithMessage("Write the policy's text.")
                .MaximumLength(PolicyVersion.BodyMaxLength).WithMessage($"Keep the text to {PolicyVersion.BodyMaxLength:N0} characters.");
            RuleFor(c => c.ApprovedOn).NotNull().WithMessage("Give the date the policy was approved.")
                .Must(d => d is null || d <= clock.Today()).WithMessage("The approval date cannot be in the future: publish once it is approved.");
            RuleFor(c => c.EffectiveFrom).NotNull().WithMessage("Give the date the policy takes effect.")
                .Must((c, d) => d is null || c.ApprovedOn is null || d >= c.ApprovedOn).WithMessage("The policy cannot take effect before it is approved.");
            RuleFor(c => c.Owner).NotEmpty().WithMessage("Name the policy's owner.")
                .MaximumLength(PolicyVersion.OwnerMaxLength).WithMessage($"Keep the owner to {PolicyVersion.OwnerMaxLength} characters.");
            RuleFor(c => c.Changelog).NotEmpty().WithMessage("Say what changed in this version.")
                .MaximumLength(PolicyVersion.ChangelogMaxLength).WithMessage($"Keep the changelog to {PolicyVersion.ChangelogMaxLength:N0} characters.");
            RuleFor(c => c.Visibility).NotNull().WithMessage("Choose who may read this version.")
                .IsInEnum().WithMessage("Choose who may read this version.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        /// <summary>The advisory lock key that serialises numbering policy versions.</summary>
        private const long NumberingLock = 0x48_44_50_4F_4C; // "HDPOL"

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // Two administrators publishing at once would both read the same "next" number. Publishing is rare, so
            // versions are numbered one at a time under a transaction-scoped lock: no retry count to outgrow.
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({NumberingLock})", cancellationToken);
                var number = (await db.PolicyVersions.MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0) + 1;
                var now = clock.UtcNow;
                var version = PolicyVersion.Publish(
                    number, command.Title!, command.Body!, command.ApprovedOn!.Value, command.EffectiveFrom!.Value,
                    command.Owner!, command.Changelog!, command.Visibility!.Value, now, user.Actor.DisplayName);
                db.PolicyVersions.Add(version);
                db.ConfigurationChanges.Add(new ConfigurationChange(
                    now, user.Actor.Id, user.Actor.DisplayName, $"Policy version {number}", "Published", null,
                    $"{version.Title}; approved {version.ApprovedOn:yyyy-MM-dd}; effective {version.EffectiveFrom:yyyy-MM-dd}; {version.Visibility}; {version.Changelog}"));
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new Result(number);
            });
        }
    }
}
