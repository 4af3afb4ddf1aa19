using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Messages;

/// <summary>
/// An administrator's new wording for a message. A placeholder the message does not know, or an
/// unbalanced brace, is refused naming it, so a typo never reaches a customer.
/// </summary>
public static class EditMessageTemplate
{
    public sealed record Command(string Key, string? Subject, string? Body) : ICommand<bool>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Key).Must(k => StandardMessages.Find(k) is not null).WithMessage("That is not one of HelpDesk's messages.");
            RuleFor(c => c.Subject).NotEmpty().WithMessage("Give the message a subject.")
                .MaximumLength(MessageTemplate.SubjectMaxLength)
                .Must(s => !HeaderText.HasControlCharacters(s)).WithMessage("The subject must be a single line.");
            RuleFor(c => c.Body).NotEmpty().WithMessage("Give the message a body.").MaximumLength(MessageTemplate.BodyMaxLength);
            RuleFor(c => c.Subject).Custom((subject, context) => AddPlaceholderProblems(context, subject));
            RuleFor(c => c.Body).Custom((body, context) => AddPlaceholderProblems(context, body));
        }

        private static void AddPlaceholderProblems(ValidationContext<Command> context, string? text)
        {
            if (StandardMessages.Find(context.InstanceToValidate.Key) is not { } message)
            {
                return;
            }

            foreach (var problem in TemplateText.Problems(text ?? "", message.Placeholders.ToHashSet(StringComparer.Ordinal)))
            {
                context.AddFailure(problem);
            }
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Key == command.Key, cancellationToken);
            if (template is null)
            {
                template = MessageTemplate.Standard(StandardMessages.Find(command.Key)!);
                db.MessageTemplates.Add(template);
            }

            template.Edit(command.Subject!, command.Body!, user.Actor.DisplayName, clock.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
    }
}
