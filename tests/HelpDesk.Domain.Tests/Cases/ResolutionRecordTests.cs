using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>
/// Each resolution is recorded as it was (who, when, the department, the deadline met or not), and a
/// reopening keeps it: agent performance credits each to its own resolver (docs/kpis.md, "Agent performance").
/// </summary>
public class ResolutionRecordTests
{
    private const int Billing = 2;
    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, 3, 4), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Bea = new("bea", "Bea Biller");
    private static readonly Actor Tom = new("tom", "Tom Tech");
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly ResolutionDetails Refunded = new(ResolutionOutcome.Resolved, "A duplicate debit.", "Refunded.", CommunicationMethod.Email);

    [Fact]
    public void A_reopened_case_resolved_again_keeps_both_resolutions_each_with_its_resolver_department_deadline_and_rating()
    {
        var complaint = Log();
        complaint.Acknowledge(new AcknowledgementDetails(Start.AddMinutes(5), AcknowledgementMethod.Verbal, new Referral(1, "Billing", Bea.Id, "Bea Biller"), complaint.ResolveDue), Office, Bea, Start.AddMinutes(5));
        complaint.Resolve(Refunded, Office, Bea, Start.AddHours(3));
        complaint.RecordFollowUp(true, 2, null, Bea, Start.AddHours(4));
        complaint.Reopen("The refund bounced.", Office, Tom, Start.AddDays(1));
        complaint.ReferTo(new Referral(7, "Technical", Tom.Id, "Tom Tech"), null, "Bea Biller (Billing)", Tom, Start.AddDays(1));
        var late = complaint.ResolveDue.AddHours(1);
        complaint.Resolve(Refunded, Office, Tom, late);

        Assert.Equal(
            [(Bea.Id, Start.AddHours(3), (int?)1, true, false, (int?)2), (Tom.Id, late, 7, false, false, null)],
            complaint.Resolutions.Select(r => (r.ResolvedById, r.ResolvedAt, r.DepartmentId, r.MetDeadline, r.AtFirstContact, r.Satisfaction)));
        // The case's own rating went with the reopening; the first resolution's did not.
        Assert.Null(complaint.Satisfaction);
    }

    [Fact]
    public void A_case_resolved_at_first_contact_records_one_resolution_met_at_first_contact()
    {
        var complaint = Log();

        complaint.ResolveAtFirstContact("Explained the charge.", CommunicationMethod.Verbal, Table.RowFor(Billing, Priority.Normal), Bea, Start);

        var resolution = Assert.Single(complaint.Resolutions);
        Assert.Equal((Bea.Id, Start, true, true), (resolution.ResolvedById, resolution.ResolvedAt, resolution.MetDeadline, resolution.AtFirstContact));
    }

    private static Complaint Log() =>
        Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Start, Channel.Phone, CaseKind.Complaint, Billing, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(Billing, Priority.Normal),
            Bea,
            Start);
}
