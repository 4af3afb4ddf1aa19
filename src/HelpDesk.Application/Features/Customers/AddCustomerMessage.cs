using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Conversations;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// The customer writes on the status page, with files if they like (docs/public-forms.md, "Writing on
/// the status page"). The message has exactly the effects of an emailed reply: it takes the same path,
/// <see cref="CustomerWritesBack"/>. Files are kept or refused by the email attachment limits, named and
/// typed the same way; what is refused is said, the rest kept. Only the case the customer is signed in
/// to (its reference and their email or phone, <see cref="CustomerCases"/>) can be written on.
/// </summary>
public static class AddCustomerMessage
{
    public const int TextMaxLength = 10_000;
    public const int MaxFiles = 10;

    public sealed record OfferedFile(string? Name, byte[] Content);

    public sealed record Command(string? Reference, string? Contact, string? Text, IReadOnlyList<OfferedFile> Files) : ICommand<Result?>
    {
        public string Message => Text?.Trim() ?? "";
    }

    /// <param name="Reference">The case the message is on: the new one when the case written on was closed.</param>
    /// <param name="Refused">The files not kept and why, in one sentence; null when every file was kept.</param>
    public sealed record Result(string Reference, CustomerMessageEffect Effect, string? Refused);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IOptions<EmailOptions> email)
        {
            RuleFor(c => c.Files).NotNull();
            RuleFor(c => c.Text).Cascade(CascadeMode.Stop)
                .MaximumLength(TextMaxLength).WithMessage($"Keep your message to {TextMaxLength:N0} characters or fewer.")
                .Must(t => t is null || !t.Contains('\0', StringComparison.Ordinal)).WithMessage("Your message has a character we cannot keep (NUL).")
                .Must((c, _) => c.Message.Length > 0 || c.Files is { Count: > 0 }).WithMessage("Write a message or choose a file to send.");
            When(c => c.Files is not null, () =>
            {
                RuleFor(c => c.Files.Count).LessThanOrEqualTo(MaxFiles).OverridePropertyName(nameof(Command.Files))
                    .WithMessage($"Send at most {MaxFiles} files at a time.");
                // A message of files alone, none of which can be kept, would say nothing: it is refused whole.
                RuleFor(c => c.Files).Must(files => email.Value.AttachmentLimits.Choose(Offered(files)).Kept.Count > 0)
                    .When(c => c.Message.Length == 0 && c.Files.Count is > 0 and <= MaxFiles)
                    .WithMessage(c => email.Value.AttachmentLimits.Choose(Offered(c.Files)).Refused!);
            });
        }
    }

    private static List<(string Name, long Length)> Offered(IReadOnlyList<OfferedFile> files) =>
        [.. files.Select(f => (f.Name ?? "", (long)f.Content.LongLength))];

    internal sealed class Handler(
        HelpDeskDbContext db,
        CustomerWritesBack customerWrites,
        ReferenceNumberIssuer issuer,
        SlaPolicy sla,
        DeskClock clock,
        MessageOutbox outbox,
        IOptions<EmailOptions> email) : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var (kept, refused) = email.Value.AttachmentLimits.Choose(Offered(command.Files));
            var files = kept.Select(i => command.Files[i]).ToList();
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var complaint = await db.Complaints.Owned(command.Reference, command.Contact).SingleOrDefaultAsync(cancellationToken);
                if (complaint is null)
                {
                    return null;
                }

                var now = clock.UtcNow;
                var landed = await customerWrites.ReceiveAsync(complaint, MessageChannel.StatusPage, now, now,
                    closed => LogFollowOnAsync(closed, command.Message, files, refused, now, cancellationToken),
                    onCase => Keep(onCase, command.Message, files, refused, now),
                    cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new Result(landed.Case.Reference, landed.Effect, refused);
            });
        }

        private void Keep(Complaint complaint, string text, List<OfferedFile> files, string? refused, DateTimeOffset now) =>
            db.CaseMessages.Add(CaseMessage.Received(complaint.Id, MessageAuthor.Customer, MessageChannel.StatusPage,
                new ReceivedMessage(complaint.Customer.Email, complaint.Customer.Name, null, text, null, null, null,
                    [.. files.Select(f => CaseAttachment.Keep(complaint.Id, f.Name, f.Content))], refused),
                now));

        /// <summary>
        /// The customer wrote on a closed case: a new case on the web form's channel, with the closed
        /// case's customer, type and department, that follows it; acknowledged by email like any case
        /// made in writing from an email address.
        /// </summary>
        private async Task<Complaint> LogFollowOnAsync(Complaint closed, string text, List<OfferedFile> files, string? refused, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var row = (await sla.CurrentTableAsync(cancellationToken)).RowFor(closed.ComplaintTypeId, Priority.Normal);
            var reference = await issuer.IssueAsync(clock.ToLocal(now).Year, cancellationToken);
            var description = text.Length == 0 ? "(the customer sent files only)" : text.Length <= Complaint.DescriptionMaxLength ? text : text[..Complaint.DescriptionMaxLength];
            var followOn = Complaint.Log(
                reference,
                new NewCase(now, Channel.WebForm, CaseKind.Complaint, closed.ComplaintTypeId, Priority.Normal,
                    new CustomerContact(closed.Customer.Name, closed.Customer.Email, closed.Customer.Phone, closed.Customer.PostalAddress), closed.Subject, description),
                row,
                Actor.System,
                now);
            followOn.Follow(closed.Reference, now);
            db.Complaints.Add(followOn);
            await db.SaveChangesAsync(cancellationToken);
            Keep(followOn, text, files, refused, now);
            if (followOn.Customer.Email is not null && await db.CurrentReferralAsync(closed, cancellationToken) is { } referral)
            {
                await outbox.AcknowledgeByEmailAsync(db, followOn, referral with { AssigneeId = null, AssigneeName = null }, row.Calendar, clock, now, cancellationToken);
            }

            return followOn;
        }
    }
}
