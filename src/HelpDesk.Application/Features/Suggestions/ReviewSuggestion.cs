using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Application.Features.Suggestions;

public enum ReviewDecision
{
    Adopt,
    Decline,
}

/// <summary>
/// A supervisor adopts a suggestion (with the change made) or declines it (with the reason). When
/// the person gave an email, the outcome is queued to them in the same save, so they are told
/// exactly when the decision is recorded.
/// </summary>
public static class ReviewSuggestion
{
    public sealed record Command(long Id, ReviewDecision? Decision, string? Explanation) : ICommand<Result>, ISupervisorRequest;

    /// <param name="EmailedTo">The address the outcome was queued to; null when the person gave none.</param>
    public sealed record Result(SuggestionStatus Status, string? EmailedTo);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose adopt or decline.")
                .IsInEnum().WithMessage("Choose adopt or decline.");
            RuleFor(c => c.Explanation).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(c => c.Decision == ReviewDecision.Decline
                    ? "Give the reason it cannot be adopted: the person is told it."
                    : "Describe the change made: the person is told it.")
                .MaximumLength(Suggestion.ExplanationMaxLength).WithMessage($"Keep it to {Suggestion.ExplanationMaxLength} characters or fewer.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MessageOutbox outbox, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var suggestion = await db.FindSuggestionAsync(command.Id, cancellationToken);
            var now = time.GetUtcNow();
            if (command.Decision == ReviewDecision.Adopt)
            {
                suggestion.Adopt(command.Explanation!, user.Actor, now);
            }
            else
            {
                suggestion.Decline(command.Explanation!, user.Actor, now);
            }

            if (suggestion.Email is { } email)
            {
                await outbox.QueueAsync(db, TemplateKeys.SuggestionOutcome, new MessageRecipient(email, suggestion.Name),
                    new Dictionary<string, string?>
                    {
                        [Placeholders.CustomerName] = suggestion.Name ?? Greeting(suggestion.Source),
                        [Placeholders.Suggestion] = suggestion.Text,
                        [Placeholders.Decision] = suggestion.Status == SuggestionStatus.Adopted ? "adopted" : "declined",
                        [Placeholders.Explanation] = (suggestion.Status == SuggestionStatus.Adopted ? "The change we have made: " : "Why we cannot adopt it: ") + suggestion.Explanation,
                    },
                    null, cancellationToken);
            }

            await db.SaveSuggestionAsync(cancellationToken);
            return new Result(suggestion.Status, suggestion.Email);
        }

        /// <summary>"Dear customer" when no name was given.</summary>
        private static string Greeting(SuggestionSource source) => source switch
        {
            SuggestionSource.Partner => "partner",
            SuggestionSource.Staff => "colleague",
            _ => "customer",
        };
    }
}
