using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>
/// What the deadline sweeper records on a case, on a billing complaint logged Wednesday 25 November
/// 2026 at 10:00 London: acknowledgement due 24 hours later, resolution 3 working days on the office calendar.
/// </summary>
public class SweepingTests
{
    private const int Billing = 2;
    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, 3, 4), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Agent = new("agent-1", "Alex Agent");
    private static readonly DateTimeOffset Wednesday10 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Referral Bea = new(1, "Billing", "agent-2", "Bea Biller");
    private static readonly Referral Sam = new(1, "Billing", "lead-1", "Sam Supervisor");
    private static readonly Referral Director = new(1, "Billing", "director-1", "Dana Director");

    private static Complaint NewCase() =>
        Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Wednesday10, Channel.Phone, CaseKind.Complaint, Billing, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(Billing, Priority.Normal),
            Agent,
            Wednesday10);

    private static Complaint Acknowledged()
    {
        var complaint = NewCase();
        complaint.Acknowledge(new AcknowledgementDetails(Wednesday10.AddMinutes(5), AcknowledgementMethod.Verbal, Bea, complaint.ResolveDue), Office, Agent, Wednesday10.AddMinutes(5));
        return complaint;
    }

    [Fact]
    public void Nothing_is_marked_before_a_deadline_passes()
    {
        var complaint = NewCase();

        Assert.Empty(complaint.MarkBreaches(complaint.AcknowledgeDue));
        Assert.Null(complaint.AcknowledgementBreachedAt);
    }

    [Fact]
    public void A_passed_acknowledgement_deadline_is_marked_once_with_a_timeline_entry_by_HelpDesk()
    {
        var complaint = NewCase();
        var after = complaint.AcknowledgeDue.AddMinutes(1);

        var first = complaint.MarkBreaches(after);
        var second = complaint.MarkBreaches(after.AddMinutes(1));

        Assert.Equal([DeadlineKind.Acknowledgement], first);
        Assert.Empty(second);
        Assert.Equal(after, complaint.AcknowledgementBreachedAt);
        var entry = Assert.Single(complaint.Timeline, e => e.Type == TimelineEventType.DeadlineBreached);
        Assert.Equal("HelpDesk", entry.ActorName);
        Assert.Null(entry.ActorId);
        Assert.False(entry.VisibleToCustomer);
        Assert.StartsWith("Acknowledgement deadline passed", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_met_deadline_is_never_marked()
    {
        var complaint = Acknowledged();

        var marked = complaint.MarkBreaches(complaint.AcknowledgeDue.AddDays(1));

        Assert.DoesNotContain(DeadlineKind.Acknowledgement, marked);
        Assert.Null(complaint.AcknowledgementBreachedAt);
    }

    [Fact]
    public void A_resolution_clock_paused_for_the_customer_before_its_deadline_is_not_breached()
    {
        var complaint = Acknowledged();
        complaint.WaitOnCustomer("The account number.", Agent, Wednesday10.AddHours(1));

        Assert.Empty(complaint.MarkBreaches(complaint.ResolveDue.AddDays(3)));
        Assert.Null(complaint.ResolutionBreachedAt);
    }

    [Fact]
    public void A_breached_resolution_goes_up_one_tier_to_the_new_owner_with_a_timeline_entry()
    {
        var complaint = Acknowledged();
        var after = complaint.ResolveDue.AddMinutes(1);
        Assert.Contains(DeadlineKind.Resolution, complaint.MarkBreaches(after));

        var escalated = complaint.EscalateForBreach(Sam, "Bea Biller (Billing)", after);

        Assert.True(escalated);
        Assert.Equal(2, complaint.EscalationTier);
        Assert.Equal("lead-1", complaint.AssigneeId);
        var entry = complaint.Timeline[^1];
        Assert.Equal(TimelineEventType.Escalated, entry.Type);
        Assert.Equal("HelpDesk", entry.ActorName);
        Assert.Equal("Bea Biller (Billing)", entry.OldValue);
        Assert.Equal("Sam Supervisor (Billing)", entry.NewValue);
        Assert.Contains("automatically from tier 1 to tier 2", entry.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_already_with_senior_management_stays_at_tier_3()
    {
        var complaint = Acknowledged();
        complaint.Escalate("Customer threatens to leave.", Sam, "Bea Biller (Billing)", Agent, Wednesday10.AddHours(1));
        complaint.Escalate("Needs a director.", Director, "Sam Supervisor (Billing)", Agent, Wednesday10.AddHours(2));
        var after = complaint.ResolveDue.AddMinutes(1);
        complaint.MarkBreaches(after);
        var entries = complaint.Timeline.Count;

        var escalated = complaint.EscalateForBreach(Sam, "Dana Director (Billing)", after);

        Assert.False(escalated);
        Assert.Equal(Complaint.HighestTier, complaint.EscalationTier);
        Assert.Equal("director-1", complaint.AssigneeId);
        Assert.Equal(entries, complaint.Timeline.Count);
    }

    [Fact]
    public void A_case_whose_resolution_has_not_passed_is_not_escalated_automatically()
    {
        var complaint = Acknowledged();

        Assert.Throws<DomainRuleException>(() => complaint.EscalateForBreach(Sam, "Bea Biller (Billing)", Wednesday10.AddHours(1)));
        Assert.Equal(1, complaint.EscalationTier);
    }

    [Fact]
    public void A_running_deadline_inside_the_window_needs_one_warning_for_its_due_instant()
    {
        var complaint = Acknowledged();
        var now = complaint.ResolveDue.AddHours(-2);

        Assert.True(complaint.NeedsDueSoonWarning(DeadlineKind.Resolution, now, complaint.ResolveDue));
        complaint.RecordDueSoonWarning(DeadlineKind.Resolution, "Bea Biller", now);

        Assert.False(complaint.NeedsDueSoonWarning(DeadlineKind.Resolution, now.AddMinutes(30), complaint.ResolveDue));
        Assert.Equal(complaint.ResolveDue, complaint.ResolutionWarnedFor);
        Assert.Throws<DomainRuleException>(() => complaint.RecordDueSoonWarning(DeadlineKind.Resolution, "Bea Biller", now.AddMinutes(30)));
        Assert.Contains(complaint.Timeline, e => e.Type == TimelineEventType.MessageQueued && e.Summary == "Due-soon warning emailed to Bea Biller: the resolution deadline falls due" && e.NewInstant == complaint.ResolveDue);
    }

    [Fact]
    public void A_deadline_outside_the_window_or_already_passed_or_with_nobody_to_warn_needs_no_warning()
    {
        var assigned = Acknowledged();
        var unassigned = NewCase();

        Assert.False(assigned.NeedsDueSoonWarning(DeadlineKind.Resolution, Wednesday10, assigned.ResolveDue.AddMinutes(-1)));
        Assert.False(assigned.NeedsDueSoonWarning(DeadlineKind.Resolution, assigned.ResolveDue.AddMinutes(1), assigned.ResolveDue.AddHours(4)));
        Assert.False(unassigned.NeedsDueSoonWarning(DeadlineKind.Acknowledgement, Wednesday10.AddHours(23), unassigned.AcknowledgeDue));
    }

    [Fact]
    public void An_extension_that_moves_the_deadline_earns_a_new_warning()
    {
        var complaint = Acknowledged();
        var now = complaint.ResolveDue.AddHours(-2);
        complaint.RecordDueSoonWarning(DeadlineKind.Resolution, "Bea Biller", now);

        complaint.ExtendResolution(complaint.ResolveDue.AddDays(2), "Waiting on the bank.", CommunicationMethod.Verbal, Agent, now);

        Assert.True(complaint.NeedsDueSoonWarning(DeadlineKind.Resolution, complaint.ResolveDue.AddHours(-1), complaint.ResolveDue));
    }

    [Fact]
    public void Reopening_starts_the_resolution_marks_again()
    {
        var complaint = Acknowledged();
        var late = complaint.ResolveDue.AddHours(1);
        complaint.MarkBreaches(late);
        complaint.Resolve(new ResolutionDetails(ResolutionOutcome.Resolved, "A duplicate debit.", "Refunded.", CommunicationMethod.Email), Office, Agent, late);

        complaint.Reopen("The refund never arrived.", Office, Agent, late.AddHours(1));

        Assert.Null(complaint.ResolutionBreachedAt);
        Assert.Null(complaint.ResolutionWarnedFor);
        Assert.Equal([DeadlineKind.Resolution], complaint.MarkBreaches(complaint.ResolveDue.AddMinutes(1)));
    }
}
