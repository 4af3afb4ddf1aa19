using HelpDesk.Domain.Responses;

namespace HelpDesk.Application.Features.Responses;

/// <summary>The one check of a canned response's name and body, for writing one and changing one: a message per field.</summary>
internal static class CannedResponseFields
{
    public static void Check<T>(AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, string?>> name, System.Linq.Expressions.Expression<Func<T, string?>> body)
    {
        validator.RuleFor(name).NotEmpty().WithMessage("Give the response a name.")
            .MaximumLength(CannedResponse.NameMaxLength).WithMessage($"A name is at most {CannedResponse.NameMaxLength} characters.")
            .Must(n => !Domain.Messages.HeaderText.HasControlCharacters(n)).WithMessage("The name must be a single line.");
        validator.RuleFor(body).NotEmpty().WithMessage("Write the response.")
            .MaximumLength(CannedResponse.BodyMaxLength).WithMessage($"A response is at most {CannedResponse.BodyMaxLength:N0} characters.");
        validator.RuleFor(body).Custom((text, context) =>
        {
            // The same check as a message template's (docs/messages.md): an unknown placeholder never reaches a customer.
            foreach (var problem in Domain.Messages.TemplateText.Problems(text ?? "", CannedResponse.AllowedPlaceholders.ToHashSet(StringComparer.Ordinal)))
            {
                context.AddFailure(problem);
            }
        });
    }
}
