using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Conversations;

/// <summary>How the composer's words reach the customer, or that they stay with staff.</summary>
public enum ReplyChannel
{
    /// <summary>Emailed through the outbox, threaded, with any attachments; only where the customer has an email address.</summary>
    Email,

    /// <summary>Given by phone, by letter or in person, and recorded on the case as given.</summary>
    Phone,
    Letter,
    InPerson,

    /// <summary>An internal note: never emailed, never shown to the customer.</summary>
    InternalNote,
}

/// <summary>What the composer does to the case once the words are sent.</summary>
public enum AfterSending
{
    LeaveUnchanged,
    WaitOnCustomer,
    Resolve,
}

/// <summary>A file the composer attaches to an emailed reply, as uploaded.</summary>
public sealed record OutgoingFile(string? Name, byte[] Content);

/// <summary>
/// The composer on the case page (docs/email.md, "Replying from the case"): a member of staff writes to
/// the customer by email (threaded like every customer email about a case, signed with the writer's first
/// name and the case's department, with attachments as MIME parts), records words given by phone, letter
/// or in person, or writes an internal note; then, in the same save, may set the case waiting on the
/// customer or resolve it through those steps' own code. A reply is not the substantive response unless
/// the case is resolved with it: no deadline is met or moved by a reply alone (docs/sla-rules.md).
/// </summary>
public static class ReplyToCustomer
{
    public const int TextMaxLength = Complaint.NoteMaxLength;

    public sealed record Command(string Reference, string? Text) : CaseCommand, ICaseStep, ICommand
    {
        public ReplyChannel? Channel { get; init; } = ReplyChannel.Email;

        public IReadOnlyList<OutgoingFile> Attachments { get; init; } = [];

        public AfterSending? Then { get; init; } = AfterSending.LeaveUnchanged;

        /// <summary>With <see cref="AfterSending.WaitOnCustomer"/>: what is needed from the customer, for the timeline.</summary>
        public string? WhatIsNeeded { get; init; }

        /// <summary>With <see cref="AfterSending.Resolve"/>: the analysis of the issue; the reply is the response.</summary>
        public string? Analysis { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<EmailOptions> email)
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Write the reply.")
                .MaximumLength(TextMaxLength).WithMessage($"A reply is at most {TextMaxLength:N0} characters.");
            RuleFor(c => c.Channel).NotNull().WithMessage("Choose how the reply goes to the customer.").IsInEnum().WithMessage("Choose one of the listed ways.");
            RuleFor(c => c.Then).NotNull().WithMessage("Choose what happens to the case after sending.").IsInEnum().WithMessage("Choose one of the listed steps.");
            RuleFor(c => c.Attachments).Must(a => a.Count == 0).When(c => c.Channel != ReplyChannel.Email)
                .WithMessage("Files go with an emailed reply only: choose email, or send them another way and say so.");
            RuleFor(c => c.Attachments).Custom((files, context) =>
            {
                // One limit rule for mail in and mail out (docs/email.md, "Attachments").
                var (_, refused) = email.Value.AttachmentLimits.Choose([.. files.Select(f => (f.Name ?? "", f.Content.LongLength))]);
                if (refused is not null)
                {
                    context.AddFailure(refused);
                }
            });
            RuleFor(c => c.WhatIsNeeded).NotEmpty().WithMessage("Say what is needed from the customer.").MaximumLength(Complaint.ReasonMaxLength)
                .When(c => c.Then == AfterSending.WaitOnCustomer);
            RuleFor(c => c.Analysis).NotEmpty().WithMessage("Give the analysis of the issue: the reply is the proposed resolution.").MaximumLength(Complaint.NoteMaxLength)
                .When(c => c.Then == AfterSending.Resolve);
            RuleFor(c => c.Then).NotEqual(AfterSending.Resolve).When(c => c.Channel == ReplyChannel.InternalNote)
                .WithMessage("An internal note is not a response to the customer: reply to them to resolve the case.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user, MessageOutbox outbox, SurveyInvitation survey, SlaPolicy sla) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var channel = command.Channel!.Value;
            var complaint = await db.FindCaseForAsync(command.Reference, command, channel == ReplyChannel.InternalNote ? CaseAction.AddInternalNote : CaseAction.Reply, user.Worker, cancellationToken);
            var then = command.Then!.Value;
            if (then != AfterSending.LeaveUnchanged)
            {
                RefuseWhenNotTheirs(complaint, then == AfterSending.Resolve ? CaseAction.Resolve : CaseAction.WaitOnCustomer);
            }

            var now = clock.UtcNow;
            var text = command.Text!.Trim();
            if (channel == ReplyChannel.InternalNote)
            {
                complaint.AddInternalNote(text, user.Actor, now);
            }
            else if (channel == ReplyChannel.Email)
            {
                await EmailAsync(complaint, text, command.Attachments, now, cancellationToken);
            }
            else
            {
                complaint.RecordReply(Given(channel), user.Actor, now);
                db.CaseMessages.Add(CaseMessage.Reply(complaint.Id, user.Actor.DisplayName, text, MessageChannel.Recorded, null, null, null, now));
            }

            switch (then)
            {
                case AfterSending.WaitOnCustomer:
                    // An emailed reply has just told the customer what we need; a reply given another way cannot be emailed again as well.
                    await WaitOnCustomer.WaitAsync(db, outbox, clock, complaint, command.WhatIsNeeded!, user.Actor, now, tellByEmail: channel == ReplyChannel.InternalNote, cancellationToken);
                    break;
                case AfterSending.Resolve:
                    await ResolveCase.ResolveAsync(new ResolveCase.Resolving(db, outbox, survey, sla, clock), complaint,
                        new ResolutionDetails(ResolutionOutcome.Resolved, command.Analysis!, text, CommunicatedBy(channel)),
                        user.Actor, now, emailTheResponse: false, nameof(Command.Then), cancellationToken);
                    break;
            }

            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }

        private async Task EmailAsync(Complaint complaint, string text, IReadOnlyList<OutgoingFile> files, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var address = CaseMessages.EmailFor(complaint, nameof(Command.Channel), "reply");
            complaint.RecordReply("by email", user.Actor, now);
            var department = (await db.CurrentReferralAsync(complaint, cancellationToken))?.DepartmentName ?? DatabaseSeeder.DefaultDepartment;
            var values = ReplyValues(complaint.Reference, complaint.Customer.Name, complaint.Subject, department, user.Actor.DisplayName);
            values[Placeholders.Reply] = text;
            var sent = await outbox.QueueAsync(db, TemplateKeys.Reply, new MessageRecipient(address, complaint.Customer.Name), values, complaint.Id, cancellationToken);
            // Staff see who wrote it; the customer is only ever shown the first name (the signature above).
            // The files are kept with the case like a customer's, and the outbox sends them from there.
            var attachments = files.Select(f => CaseAttachment.Keep(complaint.Id, f.Name, f.Content)).ToList();
            db.CaseMessages.Add(CaseMessage.Reply(complaint.Id, user.Actor.DisplayName, text, MessageChannel.Email, sent.Subject, sent.MessageId, sent.Id, now, attachments));
        }

        private void RefuseWhenNotTheirs(Complaint complaint, CaseAction step)
        {
            // The state's refusal is the domain's to word; the role's is a 403 like the step's own form.
            if (complaint.StateAllows(step) && !complaint.RoleAllows(step, user.Worker))
            {
                throw new CaseActionNotPermittedException(complaint.Reference, step.ToString());
            }
        }
    }

    /// <summary>
    /// The values a reply (and so a canned response) fills in: the case's, and the writer signing with
    /// their first name above the department (<see cref="CustomerFacingNames"/>).
    /// </summary>
    internal static Dictionary<string, string?> ReplyValues(string reference, string customerName, string subject, string department, string writer) => new(StringComparer.Ordinal)
    {
        [Placeholders.Reference] = reference,
        [Placeholders.CustomerName] = customerName,
        [Placeholders.Subject] = subject,
        [Placeholders.SignedBy] = CustomerFacingNames.Signature(department, writer),
        [Placeholders.Department] = department,
    };

    /// <summary>How a reply given outside email is written on the timeline ("Reply to the customer by phone").</summary>
    public static string Given(ReplyChannel channel) => channel switch
    {
        ReplyChannel.Email => "by email",
        ReplyChannel.Phone => "by phone",
        ReplyChannel.Letter => "by letter",
        ReplyChannel.InPerson => "in person",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "An internal note is not a reply."),
    };

    private static CommunicationMethod CommunicatedBy(ReplyChannel channel) => channel switch
    {
        ReplyChannel.Email => CommunicationMethod.Email,
        ReplyChannel.Letter => CommunicationMethod.Postal,
        _ => CommunicationMethod.Verbal,
    };
}
