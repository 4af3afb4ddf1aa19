using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Suggestions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Suggestions;

/// <summary>
/// A customer or partner leaves a suggestion on the public form, or a member of staff records one:
/// their own, or one from the suggestion book at Reception (004). Name and email are optional; with
/// an email the person is told the outcome.
/// </summary>
public static class LeaveSuggestion
{
    public sealed record Command : ICommand<Result>
    {
        /// <summary>The form's one-time token: the same form posted twice stores one suggestion.</summary>
        public Guid? FormToken { get; init; }

        /// <summary>The honeypot: hidden from people, filled in by bots.</summary>
        public string? Website { get; init; }
        public string? Name { get; init; }
        public string? Email { get; init; }
        public SuggestionSource? Source { get; init; }
        public string? Text { get; init; }

        public bool LooksAutomated => !string.IsNullOrEmpty(Website);
    }

    /// <param name="Stored">False when the honeypot was filled: the post is thanked and nothing kept.</param>
    public sealed record Result(bool Stored);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ICurrentUser user, IOptions<SmtpOptions> smtp)
        {
            When(c => !c.LooksAutomated, () =>
            {
                RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
                    .MaximumLength(Suggestion.NameMaxLength).WithMessage($"Keep the name to {Suggestion.NameMaxLength} characters or fewer.")
                    .Must(OneLine).WithMessage("Enter the name on one line.");
                RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
                    .MaximumLength(Suggestion.EmailMaxLength).WithMessage($"Keep the email address to {Suggestion.EmailMaxLength} characters or fewer.")
                    .Must(OneLine).WithMessage("Enter the email address on one line, like name@example.com.")
                    .EmailAddress().WithMessage("Enter an email address like name@example.com, or leave it empty.")
                    .Must(email => CanBeEmailed(email, smtp.Value.SenderAddress)).WithMessage("Enter your own email address, like name@example.com, or leave it empty.")
                    .When(c => !string.IsNullOrWhiteSpace(c.Email));
                RuleFor(c => c.Source).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage("Choose who the suggestion is from.")
                    .IsInEnum().WithMessage("Choose who the suggestion is from.")
                    .Must(source => source != SuggestionSource.Staff || user.Actor.Id is not null)
                    .WithMessage("Choose customer or partner.");
                RuleFor(c => c.Text).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Tell us your suggestion.")
                    .MaximumLength(Suggestion.TextMaxLength).WithMessage($"Keep the suggestion to {Suggestion.TextMaxLength} characters or fewer.");
            });
        }

        // The name and email go into the outcome email's headers and greeting: a line break there could add a header.
        private static bool OneLine(string? text) => !HeaderText.HasControlCharacters(text);

        private static bool CanBeEmailed(string? email, string senderAddress)
        {
            try
            {
                MessageOutbox.RecipientAddress(email, senderAddress);
                return true;
            }
            catch (DomainRuleException)
            {
                return false;
            }
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, Result>
    {
        private const string FormTokenIndex = "ix_suggestions_form_token";

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.LooksAutomated)
            {
                return new Result(false);
            }

            if (command.FormToken is { } token && await db.Suggestions.AnyAsync(s => s.FormToken == token, cancellationToken))
            {
                return new Result(true);
            }

            db.Suggestions.Add(Suggestion.Leave(command.Name, command.Email, command.Source!.Value, command.Text!, user.Actor, time.GetUtcNow(), command.FormToken));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException duplicate) when (duplicate.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: FormTokenIndex })
            {
                // The same form posted twice at once: the other post's suggestion stands.
                db.ChangeTracker.Clear();
            }

            return new Result(true);
        }
    }
}
