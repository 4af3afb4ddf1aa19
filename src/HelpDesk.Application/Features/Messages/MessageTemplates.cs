using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Messages;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Features.Messages;

/// <summary>Every message HelpDesk sends, for the administrators' list.</summary>
public static class ListMessageTemplates
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(string Key, string Name, string Purpose, MessageAudience Audience, MessageMedium Medium, string Subject, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var stored = await db.MessageTemplates.AsNoTracking()
                .Select(t => new { t.Key, t.Subject, t.UpdatedAt, t.UpdatedBy })
                .ToDictionaryAsync(t => t.Key, cancellationToken);
            return StandardMessages.All
                .Select(m => stored.TryGetValue(m.Key, out var t)
                    ? new Item(m.Key, m.Name, m.Purpose, m.Audience, m.Medium, t.Subject, t.UpdatedAt, t.UpdatedBy)
                    : new Item(m.Key, m.Name, m.Purpose, m.Audience, m.Medium, m.Subject, null, null))
                .ToList();
        }
    }
}

/// <summary>One message's wording and what it may insert, for its edit page; null for an unknown key.</summary>
public static class GetMessageTemplate
{
    public sealed record Query(string Key) : IQuery<Details?>;

    public sealed record Details(string Key, string Name, string Purpose, MessageAudience Audience, MessageMedium Medium, IReadOnlyList<string> Placeholders, string Subject, string Body, DateTimeOffset? UpdatedAt, string? UpdatedBy);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (StandardMessages.Find(query.Key) is not { } message)
            {
                return null;
            }

            var stored = await db.MessageTemplates.AsNoTracking().Where(t => t.Key == query.Key)
                .Select(t => new { t.Subject, t.Body, t.UpdatedAt, t.UpdatedBy })
                .SingleOrDefaultAsync(cancellationToken);
            return new Details(message.Key, message.Name, message.Purpose, message.Audience, message.Medium, message.Placeholders,
                stored?.Subject ?? message.Subject, stored?.Body ?? message.Body, stored?.UpdatedAt, stored?.UpdatedBy);
        }
    }
}

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

/// <summary>
/// What the wording being edited would send, with made-up sample values: the editor's live preview.
/// Never throws for bad wording: it answers the problems instead, as the editor types.
/// </summary>
public static class PreviewMessageTemplate
{
    public sealed record Query(string Key, string? Subject, string? Body) : IQuery<Result?>;

    public sealed record Result(IReadOnlyList<string> Problems, RenderedMessage? Message);

    internal sealed class Handler : IQueryHandler<Query, Result?>
    {
        public ValueTask<Result?> Handle(Query query, CancellationToken cancellationToken)
        {
            if (StandardMessages.Find(query.Key) is not { } message)
            {
                return ValueTask.FromResult<Result?>(null);
            }

            var problems = MessageTemplate.ProblemsWith(message, query.Subject, query.Body);
            var rendered = problems.Count == 0 ? RenderedMessage.From(query.Subject!, query.Body!, StandardMessages.SampleValues) : null;
            return ValueTask.FromResult<Result?>(new Result(problems, rendered));
        }
    }
}
