using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>
/// What each timeline entry records as it was then (docs/architecture.md, "The timeline"): its
/// instants typed, whom a step passed the case to by the names of the time; and how a customer is
/// told a member of staff's name (docs/public-forms.md, "What the customer sees").
/// </summary>
public class TimelineFactsTests
{
    private const int Billing = 2;
    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, 3, 4), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Agent = new("agent-1", "Alex Agent");
    private static readonly DateTimeOffset Wednesday10 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Referral Bea = new(1, "Billing", "agent-2", "Bea Biller");

    private static Complaint Acknowledged()
    {
        var complaint = Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Wednesday10, Channel.Phone, CaseKind.Complaint, Billing, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(Billing, Priority.Normal),
            Agent,
            Wednesday10);
        complaint.Acknowledge(new AcknowledgementDetails(Wednesday10, AcknowledgementMethod.Verbal, Bea, complaint.ResolveDue), Office, Agent, Wednesday10);
        return complaint;
    }

    private static string Stamp(DateTimeOffset instant) => $"<{instant.UtcDateTime:dd HH:mm}>";

    [Fact]
    public void Acknowledging_records_the_date_promised_typed_and_whom_it_passed_the_case_to()
    {
        var complaint = Acknowledged();

        var entry = complaint.Timeline[^1];
        Assert.Equal((complaint.ResolveDue, "Billing", "Bea Biller"), (entry.NewInstant!.Value, entry.DepartmentName, entry.AssigneeName));
        Assert.Equal($"Acknowledged verbally; referred to Bea Biller (Billing); response expected by {Stamp(complaint.ResolveDue)}",
            TimelineEvent.Text(entry.Summary, entry.OldInstant, entry.NewInstant, Stamp));
    }

    [Fact]
    public void An_extension_reads_from_the_old_deadline_to_the_new_one_in_the_formatter_given()
    {
        var complaint = Acknowledged();
        var before = complaint.ResolveDue;
        var newDate = before.AddDays(7);

        complaint.ExtendResolution(newDate, "The bank is slow", CommunicationMethod.Verbal, Agent, Wednesday10.AddHours(1));

        var entry = complaint.Timeline[^1];
        Assert.Equal(
            $"Resolution extended; customer told verbally: The bank is slow. The deadline moved from {Stamp(before)} to {Stamp(newDate)}",
            TimelineEvent.Text(entry.Summary, entry.OldInstant, entry.NewInstant, Stamp));
    }

    [Fact]
    public void A_referral_to_a_department_alone_records_no_person()
    {
        var complaint = Acknowledged();

        complaint.ReferTo(new Referral(3, "Technical", null, null), null, "Bea Biller (Billing)", Agent, Wednesday10.AddHours(1));

        Assert.Equal(("Technical", (string?)null), (complaint.Timeline[^1].DepartmentName, complaint.Timeline[^1].AssigneeName));
    }

    [Fact]
    public void An_entry_without_instants_reads_as_written()
    {
        Assert.Equal("Closed", TimelineEvent.Text("Closed", null, null, Stamp));
    }

    [Theory]
    [InlineData("Alice Agentone", "Billing", "Alice", "Alice in Billing", "Alice\nBilling")]
    [InlineData("  Sam  ", "Billing", "Sam", "Sam in Billing", "Sam\nBilling")]
    [InlineData(null, "Customer Service", "Customer Service", "Customer Service", "Customer Service")]
    public void Staff_are_named_to_customers_by_first_name_and_the_department_alone_when_nobody_is_named(string? staff, string department, string referredTo, string handledBy, string signature)
    {
        Assert.Equal(referredTo, CustomerFacingNames.ReferredTo(department, staff));
        Assert.Equal(handledBy, CustomerFacingNames.HandledBy(department, staff));
        Assert.Equal(signature, CustomerFacingNames.Signature(department, staff));
    }
}
