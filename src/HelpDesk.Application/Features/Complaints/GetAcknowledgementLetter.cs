using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>The acknowledgement letter for a case acknowledged by post: the template as administrators last edited it, with the case's values.</summary>
public static class GetAcknowledgementLetter
{
    public sealed record Query(string Reference) : IQuery<Letter?>;

    /// <param name="HasPostalAddress">False when the case has no postal address: the address block is left for staff to write in.</param>
    public sealed record Letter(string Reference, string Subject, string Text, bool HasPostalAddress);

    internal sealed class Handler(HelpDeskDbContext db, MessageOutbox outbox, DeskClock clock) : IQueryHandler<Query, Letter?>
    {
        public async ValueTask<Letter?> Handle(Query query, CancellationToken cancellationToken)
        {
            var reading = ReferenceNumber.Read(query.Reference);
            if (!reading.IsValid)
            {
                return null;
            }

            var canonical = reading.Reference!.Value.ToString();
            var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Reference == canonical, cancellationToken);
            if (complaint is not { AcknowledgementMethod: AcknowledgementMethod.Postal })
            {
                return null;
            }

            var values = CaseMessages.CaseValues(complaint, await db.CurrentReferralAsync(complaint, cancellationToken), clock);
            values[Placeholders.CustomerAddress] = complaint.Customer.PostalAddress;
            values[Placeholders.Today] = clock.Write(clock.UtcNow, TimeFormat.LongDay);
            var letter = await outbox.RenderAsync(db, TemplateKeys.AcknowledgementLetter, values, cancellationToken);
            return new Letter(complaint.Reference, letter.Subject, letter.TextBody, !string.IsNullOrWhiteSpace(complaint.Customer.PostalAddress));
        }
    }
}
