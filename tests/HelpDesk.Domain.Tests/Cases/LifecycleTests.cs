using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>The lifecycle of docs/product.md, step by step, on a billing complaint logged Wednesday 25 November 2026 at 10:00 London.</summary>
public class LifecycleTests
{
    private const int Billing = 2;
    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, 3, 4), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Agent = new("agent-1", "Alex Agent");
    private static readonly DateTimeOffset Wednesday10 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Referral Billing1 = new(1, "Billing", "agent-2", "Bea Biller");
    private static readonly Referral Supervisor = new(1, "Billing", "lead-1", "Sam Supervisor");

    private static Complaint NewCase(Channel channel = Channel.Phone) =>
        Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Wednesday10, channel, CaseKind.Complaint, Billing, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(Billing, Priority.Normal),
            Agent,
            Wednesday10);

    private static Complaint Acknowledged()
    {
        var complaint = NewCase();
        complaint.Acknowledge(new AcknowledgementDetails(Wednesday10.AddMinutes(5), AcknowledgementMethod.Verbal, Billing1, complaint.ResolveDue), Office, Agent, Wednesday10.AddMinutes(5));
        return complaint;
    }

    private static Complaint Resolved()
    {
        var complaint = Acknowledged();
        complaint.Resolve(new ResolutionDetails(ResolutionOutcome.Resolved, "A duplicate direct debit.", "Refunded the duplicate.", CommunicationMethod.Email), Office, Agent, Wednesday10.AddHours(5));
        return complaint;
    }

    [Fact]
    public void Acknowledging_records_how_who_it_is_referred_to_and_when_to_expect_a_response()
    {
        var complaint = Acknowledged();

        Assert.Equal(CaseStatus.Acknowledged, complaint.Status);
        Assert.Equal(AcknowledgementMethod.Verbal, complaint.AcknowledgementMethod);
        Assert.Equal(1, complaint.DepartmentId);
        Assert.Equal("agent-2", complaint.AssigneeId);
        Assert.Equal(complaint.ResolveDue, complaint.ExpectedResponseBy);
        Assert.Equal(Wednesday10.AddMinutes(5), complaint.AcknowledgedAt);
        Assert.True(complaint.Deadlines.Acknowledgement.Met);
        var acknowledged = complaint.Timeline[^1];
        Assert.Equal(TimelineEventType.Acknowledged, acknowledged.Type);
        Assert.Contains("Bea Biller (Billing)", acknowledged.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_case_is_acknowledged_once()
    {
        var complaint = Acknowledged();

        var refused = Assert.Throws<DomainRuleException>(() =>
            complaint.Acknowledge(new AcknowledgementDetails(Wednesday10.AddHours(1), AcknowledgementMethod.Verbal, Billing1, complaint.ResolveDue), Office, Agent, Wednesday10.AddHours(1)));
        Assert.Contains("acknowledged", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Channel.Phone, AcknowledgementMethod.Verbal)]
    [InlineData(Channel.InPerson, AcknowledgementMethod.Verbal)]
    [InlineData(Channel.Email, AcknowledgementMethod.Email)]
    [InlineData(Channel.WebForm, AcknowledgementMethod.Email)]
    [InlineData(Channel.PostalMail, AcknowledgementMethod.Postal)]
    [InlineData(Channel.LiveChat, AcknowledgementMethod.InChannel)]
    public void Each_channel_has_its_acknowledgement_by_default(Channel channel, AcknowledgementMethod expected)
    {
        Assert.Equal(expected, AcknowledgementRules.DefaultFor(channel));
        Assert.True(AcknowledgementRules.Fits(channel, expected));
    }

    [Theory]
    [InlineData(AcknowledgementMethod.Phone, true)]
    [InlineData(AcknowledgementMethod.Email, true)]
    [InlineData(AcknowledgementMethod.Postal, true)]
    [InlineData(AcknowledgementMethod.Verbal, false)]
    public void A_letter_may_be_acknowledged_by_phone_post_or_email_whichever_fits(AcknowledgementMethod method, bool fits)
    {
        Assert.Equal(fits, AcknowledgementRules.Fits(Channel.PostalMail, method));
    }

    [Fact]
    public void Waiting_on_the_customer_pauses_resolution_and_resuming_moves_it_later_by_the_working_days_that_passed()
    {
        var complaint = Acknowledged();
        var thursday10 = Wednesday10.AddDays(1);
        var saturday10 = Wednesday10.AddDays(3);

        complaint.WaitOnCustomer("A copy of the bank statement.", Agent, thursday10);
        Assert.Equal(CaseStatus.WaitingOnCustomer, complaint.Status);
        Assert.True(complaint.ResolutionPaused);
        Assert.Null(complaint.NextDueAt);

        complaint.Resume(Office, Agent, saturday10);

        // Paused Thursday 10:00 to Saturday 10:00: the closes of Thursday and Friday passed, so two working days later.
        Assert.Equal(CaseStatus.InProgress, complaint.Status);
        Assert.False(complaint.ResolutionPaused);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 21, 0, 0, TimeSpan.Zero), complaint.ResolveDue);
        Assert.Equal(TimelineEventType.Resumed, complaint.Timeline[^1].Type);
    }

    [Fact]
    public void Only_a_waiting_case_resumes_and_only_an_acknowledged_or_working_case_waits()
    {
        var logged = NewCase();

        Assert.Throws<DomainRuleException>(() => logged.WaitOnCustomer("Statement", Agent, Wednesday10.AddHours(1)));
        Assert.Throws<DomainRuleException>(() => logged.Resume(Office, Agent, Wednesday10.AddHours(1)));
        Assert.Throws<DomainRuleException>(() => Resolved().WaitOnCustomer("Statement", Agent, Wednesday10.AddHours(6)));
    }

    [Fact]
    public void An_extension_before_the_deadline_moves_it_and_the_date_the_customer_expects()
    {
        var complaint = Acknowledged();
        var newDate = new DateTimeOffset(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

        var extension = complaint.ExtendResolution(newDate, "Waiting for the bank's records.", CommunicationMethod.Email, Agent, Wednesday10.AddDays(1));

        Assert.True(extension.Applied);
        Assert.Equal(newDate, complaint.ResolveDue);
        Assert.Equal(newDate, complaint.ExpectedResponseBy);
        Assert.True(complaint.Timeline[^1].VisibleToCustomer);
    }

    [Fact]
    public void An_extension_after_the_deadline_is_recorded_but_the_case_stays_breached()
    {
        var complaint = Acknowledged();
        var sunday = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

        var extension = complaint.ExtendResolution(sunday.AddDays(3), "Late, sorry.", CommunicationMethod.Verbal, Agent, sunday);

        Assert.False(extension.Applied);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.Zero), complaint.ResolveDue);
        Assert.Equal(sunday.AddDays(3), complaint.ExpectedResponseBy);
        Assert.True(complaint.Deadlines.Resolution.IsBreachedAt(sunday));
        Assert.Contains("stays breached", complaint.Timeline[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_records_the_analysis_and_response_meets_the_deadline_and_starts_follow_up()
    {
        var complaint = Resolved();

        Assert.Equal(CaseStatus.Resolved, complaint.Status);
        Assert.Equal(ResolutionOutcome.Resolved, complaint.ResolutionOutcome);
        Assert.Equal("A duplicate direct debit.", complaint.ResolutionAnalysis);
        Assert.Equal("Refunded the duplicate.", complaint.ResolutionResponse);
        Assert.Equal(CommunicationMethod.Email, complaint.ResolutionCommunicatedBy);
        Assert.True(complaint.Deadlines.Resolution.Met);
        // Follow-up within 7 working days of Wednesday: Thu, Fri, Sat, Mon, Tue, Wed, Thu 3 December.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 21, 0, 0, TimeSpan.Zero), complaint.FollowUpDue);
        Assert.Equal(complaint.FollowUpDue, complaint.NextDueAt);
    }

    [Fact]
    public void Resolving_an_unacknowledged_case_acknowledges_it_at_the_same_moment()
    {
        var complaint = NewCase();

        complaint.Resolve(new ResolutionDetails(ResolutionOutcome.CannotAccommodate, "Outside the warranty.", "The warranty ended in 2024.", CommunicationMethod.Postal), Office, Agent, Wednesday10.AddHours(2));

        Assert.Equal(Wednesday10.AddHours(2), complaint.AcknowledgedAt);
        Assert.Equal(ResolutionOutcome.CannotAccommodate, complaint.ResolutionOutcome);
        Assert.Contains("cannot be accommodated", complaint.Timeline[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_waiting_case_must_resume_before_it_is_resolved()
    {
        var complaint = Acknowledged();
        complaint.WaitOnCustomer("Statement", Agent, Wednesday10.AddHours(1));

        Assert.Throws<DomainRuleException>(() => complaint.Resolve(new ResolutionDetails(ResolutionOutcome.Resolved, "a", "b", CommunicationMethod.Email), Office, Agent, Wednesday10.AddHours(2)));
    }

    [Fact]
    public void Resolved_at_first_contact_meets_acknowledgement_and_resolution_and_counts_as_such()
    {
        var complaint = NewCase();

        complaint.ResolveAtFirstContact("Explained the two charges are for two accounts.", CommunicationMethod.Verbal, Table.RowFor(Billing, Priority.Normal), Agent, Wednesday10);

        Assert.True(complaint.ResolvedAtFirstContact);
        Assert.Equal(CaseStatus.Resolved, complaint.Status);
        Assert.True(complaint.Deadlines.Acknowledgement.MetAtFirstContact);
        Assert.True(complaint.Deadlines.Resolution.MetAtFirstContact);
        Assert.NotNull(complaint.FollowUpDue);
        Assert.Equal(TimelineEventType.ResolvedAtFirstContact, complaint.Timeline[^1].Type);
    }

    [Fact]
    public void First_contact_resolution_is_only_possible_while_logging()
    {
        var complaint = Acknowledged();

        Assert.Throws<DomainRuleException>(() => complaint.ResolveAtFirstContact("Too late", CommunicationMethod.Verbal, Table.RowFor(Billing, Priority.Normal), Agent, Wednesday10.AddHours(1)));
    }

    [Fact]
    public void Following_up_records_satisfaction_once_and_closing_ends_the_case()
    {
        var complaint = Resolved();

        complaint.RecordFollowUp(true, 4, "Happy with the refund.", Agent, Wednesday10.AddDays(2));
        Assert.Throws<DomainRuleException>(() => complaint.RecordFollowUp(true, 5, null, Agent, Wednesday10.AddDays(3)));
        complaint.Close(Agent, Wednesday10.AddDays(3));

        Assert.Equal(4, complaint.Satisfaction);
        Assert.True(complaint.Deadlines.FollowUp!.Met);
        Assert.Equal(CaseStatus.Closed, complaint.Status);
        Assert.Equal(Wednesday10.AddDays(3), complaint.ClosedAt);
        Assert.Null(complaint.NextDueAt);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(true, 0)]
    [InlineData(true, 6)]
    [InlineData(false, 3)]
    public void Satisfaction_is_1_to_5_and_only_when_the_customer_was_reached(bool contactMade, int? satisfaction)
    {
        var complaint = Resolved();

        Assert.Throws<DomainRuleException>(() => complaint.RecordFollowUp(contactMade, satisfaction, null, Agent, Wednesday10.AddDays(1)));
    }

    [Fact]
    public void Reopening_starts_a_new_resolution_clock_with_the_same_target_and_counts_as_a_reopen()
    {
        var complaint = Resolved();
        complaint.Close(Agent, Wednesday10.AddDays(1));
        var monday10 = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

        complaint.Reopen("The refund never arrived.", Office, Agent, monday10);

        Assert.Equal(CaseStatus.InProgress, complaint.Status);
        Assert.Equal(1, complaint.ReopenCount);
        Assert.Null(complaint.ClosedAt);
        // 3 working days after Monday 30 November: Tue, Wed, Thu 3 December, 21:00.
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 21, 0, 0, TimeSpan.Zero), complaint.ResolveDue);
        Assert.Null(complaint.FollowUpDue);
        Assert.Null(complaint.ResolvedAt);
    }

    [Fact]
    public void Only_resolved_or_closed_cases_reopen_and_only_resolved_cases_close()
    {
        Assert.Throws<DomainRuleException>(() => Acknowledged().Reopen("why", Office, Agent, Wednesday10.AddHours(1)));
        Assert.Throws<DomainRuleException>(() => Acknowledged().Close(Agent, Wednesday10.AddHours(1)));
        Assert.Throws<DomainRuleException>(() => Resolved().Reopen("  ", Office, Agent, Wednesday10.AddHours(6)));
    }

    [Fact]
    public void Escalation_climbs_one_tier_at_a_time_to_senior_management_and_no_further()
    {
        var complaint = Acknowledged();

        complaint.Escalate("Customer asked for a manager.", Supervisor, "Bea Biller (Billing)", Agent, Wednesday10.AddHours(1));
        complaint.Escalate("Threatens legal action.", new Referral(9, "Management", "boss-1", "Morgan Manager"), "Sam Supervisor (Billing)", Agent, Wednesday10.AddHours(2));

        Assert.Equal(3, complaint.EscalationTier);
        Assert.Equal("boss-1", complaint.AssigneeId);
        Assert.Equal(9, complaint.DepartmentId);
        Assert.Throws<DomainRuleException>(() => complaint.Escalate("Again", Supervisor, "Morgan Manager (Management)", Agent, Wednesday10.AddHours(3)));
        Assert.Contains("tier 2 to tier 3", complaint.Timeline[^1].Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Referral_moves_responsibility_and_refuses_a_referral_to_the_same_owner()
    {
        var complaint = Acknowledged();

        complaint.ReferTo(new Referral(2, "Technical", null, null), "Needs an engineer.", "Bea Biller (Billing)", Agent, Wednesday10.AddHours(1));

        Assert.Equal(2, complaint.DepartmentId);
        Assert.Null(complaint.AssigneeId);
        Assert.Equal("Technical", complaint.Timeline[^1].NewValue);
        Assert.Throws<DomainRuleException>(() => complaint.ReferTo(new Referral(2, "Technical", null, null), null, "Technical", Agent, Wednesday10.AddHours(2)));
        Assert.Throws<DomainRuleException>(() => Resolved().ReferTo(new Referral(2, "Technical", null, null), null, "x", Agent, Wednesday10.AddHours(6)));
    }

    [Fact]
    public void Internal_notes_stay_internal_and_customer_updates_are_public()
    {
        var complaint = Acknowledged();

        complaint.AddInternalNote("Customer sounded upset; be gentle.", Agent, Wednesday10.AddHours(1));
        complaint.AddCustomerUpdate("We have asked the bank for the records.", Agent, Wednesday10.AddHours(2));

        Assert.False(complaint.Timeline[^2].VisibleToCustomer);
        Assert.Equal(TimelineEventType.InternalNote, complaint.Timeline[^2].Type);
        Assert.True(complaint.Timeline[^1].VisibleToCustomer);
        Assert.Throws<DomainRuleException>(() => complaint.AddInternalNote("  ", Agent, Wednesday10.AddHours(3)));
    }

    [Fact]
    public void Time_to_acknowledge_and_to_resolve_is_kept_in_business_minutes_of_the_cases_calendar()
    {
        // The office calendar opens 09:00-21:00 Monday to Saturday. Received Wednesday 10:00: 11 open hours
        // are left that day and 1 more passes by 10:00 on Thursday, so 12 hours = 720 business minutes.
        var complaint = NewCase();
        var thursday10 = Wednesday10.AddDays(1);
        complaint.Acknowledge(new AcknowledgementDetails(thursday10, AcknowledgementMethod.Verbal, Billing1, complaint.ResolveDue), Office, Agent, thursday10);
        Assert.Equal(720, complaint.AcknowledgedInBusinessMinutes);
        Assert.Null(complaint.ResolvedInBusinessMinutes);

        // Resolved Thursday 12:30: 720 + 150 minutes, counted from when the customer made contact.
        complaint.Resolve(new ResolutionDetails(ResolutionOutcome.Resolved, "A duplicate direct debit.", "Refunded the duplicate.", CommunicationMethod.Email), Office, Agent, thursday10.AddMinutes(150));
        Assert.Equal(870, complaint.ResolvedInBusinessMinutes);

        // A reopened case is no longer resolved; its time counts again when it is resolved again.
        complaint.Reopen("The refund never arrived.", Office, Agent, thursday10.AddHours(3));
        Assert.Null(complaint.ResolvedInBusinessMinutes);
        Assert.Equal(720, complaint.AcknowledgedInBusinessMinutes);
    }

    [Fact]
    public void A_case_resolved_at_first_contact_took_no_business_time_and_acknowledging_on_another_calendar_is_refused()
    {
        var complaint = NewCase();
        complaint.ResolveAtFirstContact("Explained the two charges.", CommunicationMethod.Verbal, Table.RowFor(Billing, Priority.Normal), Agent, Wednesday10);
        Assert.Equal(0, complaint.AcknowledgedInBusinessMinutes);
        Assert.Equal(0, complaint.ResolvedInBusinessMinutes);

        var other = NewCase();
        Assert.Throws<DomainRuleException>(() => other.Acknowledge(
            new AcknowledgementDetails(Wednesday10.AddMinutes(5), AcknowledgementMethod.Verbal, Billing1, other.ResolveDue),
            BusinessCalendar.AroundTheClock("Europe/London"), Agent, Wednesday10.AddMinutes(5)));
        Assert.Null(other.AcknowledgedAt);
    }
}
