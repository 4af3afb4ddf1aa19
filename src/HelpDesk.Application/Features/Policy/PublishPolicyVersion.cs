using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Publishing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            // Two administrators publishing at once both read the same "next" number; the unique index
            // refuses the second, which then takes the number after.
            for (var attempt = 1; ; attempt++)
            {
                var number = (await db.PolicyVersions.MaxAsync(p => (int?)p.Number, cancellationToken) ?? 0) + 1;
                var now = clock.UtcNow;
                var version = PolicyVersion.Publish(
                    number, command.Title!, command.Body!, command.ApprovedOn!.Value, command.EffectiveFrom!.Value,
                    command.Owner!, command.Changelog!, command.Visibility!.Value, now, user.Actor.DisplayName);
                db.PolicyVersions.Add(version);
                var change = new ConfigurationChange(
                    now, user.Actor.Id, user.Actor.DisplayName, $"Policy version {number}", "Published", null,
                    $"{version.Title}; approved {version.ApprovedOn:yyyy-MM-dd}; effective {version.EffectiveFrom:yyyy-MM-dd}; {version.Visibility}; {version.Changelog}");
                db.ConfigurationChanges.Add(change);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return new Result(number);
                }
                catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 5)
                {
                    db.Entry(version).State = EntityState.Detached;
                    db.Entry(change).State = EntityState.Detached;
                }
            }
        }
    }
}
