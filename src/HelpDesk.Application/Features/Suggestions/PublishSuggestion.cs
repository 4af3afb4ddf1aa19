using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Application.Features.Suggestions;

/// <summary>
/// Shows an adopted suggestion on the public "You said, we did" page, in words a supervisor writes
/// for the public (never the person's name or email: the domain refuses them).
/// </summary>
public static class PublishSuggestion
{
    public sealed record Command(long Id, string? YouSaid, string? WeDid) : ICommand, ISupervisorRequest;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.YouSaid).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Write what was suggested, in words for the public.")
                .MaximumLength(Suggestion.PublicTextMaxLength).WithMessage($"Keep it to {Suggestion.PublicTextMaxLength} characters or fewer.");
            RuleFor(c => c.WeDid).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Write what we changed, in words for the public.")
                .MaximumLength(Suggestion.PublicTextMaxLength).WithMessage($"Keep it to {Suggestion.PublicTextMaxLength} characters or fewer.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var suggestion = await db.FindSuggestionAsync(command.Id, cancellationToken);
            suggestion.Publish(command.YouSaid!, command.WeDid!, user.Actor, time.GetUtcNow());
            await db.SaveSuggestionAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
