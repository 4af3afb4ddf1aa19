using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using static HelpDesk.Domain.Tests.Sla.WallClock;

namespace HelpDesk.Domain.Tests.Sla;

public class CaseDeadlinesTests
{
    private const int Billing = 1;
    private const int Defects = 2;
    private const int Outage = 3;

    private static readonly BusinessCalendar Office = BusinessCalendar.Office();
    private static readonly BusinessCalendar AroundTheClock = BusinessCalendar.AroundTheClock();
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, Defects, Outage), Office, AroundTheClock);

    private static readonly SlaRow BusinessHoursRow = new(
        null, null, "Business-hours support", NineToFive(), SlaTarget.BusinessHours(4), SlaTarget.BusinessHours(8), SlaTarget.WorkingDays(2));

    [Fact]
    public void Acknowledgement_and_resolution_clocks_start_at_received_at()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:15"));

        Assert.Equal(Local("2026-03-03 10:15"), deadlines.Acknowledgement.Due);
        Assert.Equal(Local("2026-03-05 21:00"), deadlines.Resolution.Due);
        Assert.Null(deadlines.FollowUp);
        Assert.Equal("Billing issues, any priority", deadlines.RowLabel);
        Assert.Equal("office", deadlines.CalendarName);
    }

    [Fact]
    public void A_phone_call_logged_later_still_starts_its_clocks_when_the_customer_called()
    {
        // Called on Friday at 17:00, logged on Monday morning: the 24 hours ran out on Saturday.
        var calledAt = Local("2026-02-27 17:00");
        var loggedAt = Local("2026-03-02 09:30");

        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), calledAt);

        Assert.Equal(Local("2026-02-28 17:00"), deadlines.Acknowledgement.Due);
        Assert.Equal(Local("2026-03-03 21:00"), deadlines.Resolution.Due);
        Assert.True(deadlines.Acknowledgement.IsBreachedAt(loggedAt));
        Assert.False(deadlines.Resolution.IsBreachedAt(loggedAt));
    }

    [Fact]
    public void Met_means_done_at_or_before_the_deadline()
    {
        var onTime = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:15"));
        var late = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:15"));

        onTime.Acknowledge(Local("2026-03-03 10:15"));
        late.Acknowledge(Local("2026-03-03 10:16"));

        Assert.True(onTime.Acknowledgement.Met);
        Assert.False(late.Acknowledgement.Met);
        Assert.True(late.Acknowledgement.IsBreachedAt(Local("2026-03-03 10:16")));
        Assert.Contains("Breached: done Tue 3 Mar 2026 10:16, 1 minute after the deadline.", late.Acknowledgement.Explain());
    }

    [Fact]
    public void A_Critical_case_runs_on_the_24_7_calendar_in_elapsed_hours()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Critical), Local("2026-03-07 20:30"));

        Assert.Equal(Local("2026-03-07 21:30"), deadlines.Acknowledgement.Due);
        Assert.Equal(Local("2026-03-08 02:30"), deadlines.Resolution.Due);
        Assert.Equal("24/7", deadlines.CalendarName);
    }

    [Fact]
    public void A_pause_on_an_elapsed_target_moves_the_deadline_by_the_wall_clock_time_paused()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Outage, Priority.Critical), Local("2026-03-02 10:00"));

        deadlines.PauseResolution(Local("2026-03-02 11:00"));
        deadlines.ResumeResolution(Local("2026-03-02 13:30"), AroundTheClock);

        Assert.Equal(Local("2026-03-02 18:30"), deadlines.Resolution.Due);
        Assert.Equal(Local("2026-03-02 11:00"), deadlines.Acknowledgement.Due);
        Assert.Contains(
            "Waiting on the customer Mon 2 Mar 2026 11:00 to Mon 2 Mar 2026 13:30: 2 hours 30 minutes of wall-clock time; deadline moved from Mon 2 Mar 2026 16:00 to Mon 2 Mar 2026 18:30.",
            deadlines.Resolution.Explain());
    }

    [Fact]
    public void A_pause_on_a_business_hours_target_moves_the_deadline_by_the_business_time_paused()
    {
        // Due Monday 17:00; paused Monday 16:00 to Tuesday 10:00 is two business hours (16-17 and 09-10).
        var deadlines = CaseDeadlines.Start(BusinessHoursRow, Local("2026-03-02 09:00"));
        Assert.Equal(Local("2026-03-02 17:00"), deadlines.Resolution.Due);

        deadlines.PauseResolution(Local("2026-03-02 16:00"));
        deadlines.ResumeResolution(Local("2026-03-03 10:00"), BusinessHoursRow.Calendar);

        Assert.Equal(Local("2026-03-03 11:00"), deadlines.Resolution.Due);
    }

    [Fact]
    public void A_pause_on_a_working_day_target_moves_the_deadline_one_working_day_per_close_of_business_passed()
    {
        // Due Thursday 21:00; paused Tuesday noon to Thursday 10:00 passes Tuesday's and Wednesday's close.
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        deadlines.PauseResolution(Local("2026-03-03 12:00"));
        deadlines.ResumeResolution(Local("2026-03-05 10:00"), Office);

        Assert.Equal(Local("2026-03-07 21:00"), deadlines.Resolution.Due);
        Assert.Equal("2 closes of business passed, so 2 working days", deadlines.Resolution.Pauses[0].MeasuredAs);
    }

    [Fact]
    public void A_pause_that_passes_no_close_of_business_leaves_a_working_day_deadline_where_it_was()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        deadlines.PauseResolution(Local("2026-03-03 12:00"));
        deadlines.ResumeResolution(Local("2026-03-03 20:59"), Office);

        Assert.Equal(Local("2026-03-05 21:00"), deadlines.Resolution.Due);
    }

    [Fact]
    public void DeadlineExplanation_PauseThatMovedNothing_DoesNotSayMovedFromXToX()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.PauseResolution(Local("2026-03-03 12:00"));
        deadlines.ResumeResolution(Local("2026-03-03 20:59"), Office);

        var explained = string.Join("\n", deadlines.Resolution.Explain());

        Assert.DoesNotContain("moved from", explained, StringComparison.Ordinal);
        Assert.Contains("the deadline did not move (Thu 5 Mar 2026 21:00).", explained, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pause_stops_the_resolution_clock_only()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        deadlines.PauseResolution(Local("2026-03-02 11:00"));

        Assert.True(deadlines.Resolution.IsPaused);
        Assert.False(deadlines.Acknowledgement.IsPaused);
        Assert.True(deadlines.Acknowledgement.IsBreachedAt(Local("2026-03-03 10:01")));
    }

    [Fact]
    public void A_clock_paused_before_its_deadline_does_not_breach_while_waiting_on_the_customer()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Critical), Local("2026-03-02 10:00"));

        deadlines.PauseResolution(Local("2026-03-02 15:00"));

        Assert.False(deadlines.Resolution.IsBreachedAt(Local("2026-03-02 20:00")));
    }

    [Fact]
    public void A_pause_begun_after_the_deadline_passed_leaves_the_case_breached()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Critical), Local("2026-03-02 10:00"));

        deadlines.PauseResolution(Local("2026-03-02 17:00"));
        deadlines.ResumeResolution(Local("2026-03-02 18:00"), AroundTheClock);

        Assert.Equal(Local("2026-03-02 16:00"), deadlines.Resolution.Due);
        Assert.True(deadlines.Resolution.IsBreachedAt(Local("2026-03-02 18:00")));
        Assert.Contains("the deadline had already passed, so the case stays breached", string.Join("\n", deadlines.Resolution.Explain()), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolving_while_waiting_on_the_customer_ends_the_pause_first()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.Acknowledge(Local("2026-03-02 10:30"));
        deadlines.PauseResolution(Local("2026-03-03 12:00"));

        deadlines.Resolve(Local("2026-03-06 10:00"), Office);

        // Three closes passed (Tue, Wed, Thu): due moves from Thursday to Monday; Friday's resolution is met.
        Assert.Equal(Local("2026-03-09 21:00"), deadlines.Resolution.Due);
        Assert.True(deadlines.Resolution.Met);
    }

    [Fact]
    public void An_extension_granted_before_the_deadline_passed_moves_it()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        var extension = deadlines.ExtendResolution(Local("2026-03-04 15:00"), Local("2026-03-10 21:00"), "Waiting for the supplier's report");
        deadlines.Resolve(Local("2026-03-09 16:00"), Office);

        Assert.True(extension.Applied);
        Assert.Equal(Local("2026-03-10 21:00"), deadlines.Resolution.Due);
        Assert.True(deadlines.Resolution.Met);
    }

    [Fact]
    public void An_extension_granted_after_the_deadline_passed_is_recorded_but_the_case_stays_breached()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        var extension = deadlines.ExtendResolution(Local("2026-03-06 09:00"), Local("2026-03-10 21:00"), "Waiting for the supplier's report");
        deadlines.Resolve(Local("2026-03-09 16:00"), Office);

        Assert.False(extension.Applied);
        Assert.Single(deadlines.Resolution.Extensions);
        Assert.Equal(Local("2026-03-05 21:00"), deadlines.Resolution.Due);
        Assert.Equal(Local("2026-03-10 21:00"), deadlines.Resolution.CustomerExpectsBy);
        Assert.False(deadlines.Resolution.Met);
    }

    [Fact]
    public void An_extension_must_move_the_deadline_later()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        Assert.Throws<DomainRuleException>(() => deadlines.ExtendResolution(Local("2026-03-03 10:00"), Local("2026-03-05 20:00"), "No reason to shorten it"));
        Assert.Throws<DomainRuleException>(() => deadlines.ExtendResolution(Local("2026-03-03 10:00"), Local("2026-03-10 21:00"), " "));
    }

    [Fact]
    public void Changing_the_type_recomputes_the_open_deadlines_from_the_original_received_at()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.Acknowledge(Local("2026-03-02 11:00"));

        var changes = deadlines.ApplyRow(Table.RowFor(Defects, Priority.Normal), Local("2026-03-03 14:00"), "Type changed from Billing issues to Product defects");

        // Five working days from Monday 2 March: Tue, Wed, Thu, Fri, Sat.
        var change = Assert.Single(changes);
        Assert.Equal(DeadlineKind.Resolution, change.Kind);
        Assert.Equal(Local("2026-03-05 21:00"), change.PreviousDue);
        Assert.Equal(Local("2026-03-07 21:00"), deadlines.Resolution.Due);
        Assert.True(deadlines.Acknowledgement.Met);
        Assert.Equal("Product defects, any priority", deadlines.RowLabel);
        Assert.Contains(deadlines.Resolution.Explain(), line => line.StartsWith("Recomputed Tue 3 Mar 2026 14:00 (Type changed", StringComparison.Ordinal));
    }

    [Fact]
    public void Raising_the_priority_to_Critical_moves_open_deadlines_to_the_Critical_row_and_the_24_7_calendar()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        var changes = deadlines.ApplyRow(Table.RowFor(Billing, Priority.Critical), Local("2026-03-02 10:20"), "Priority raised to Critical");

        Assert.Equal(2, changes.Count);
        Assert.Equal(Local("2026-03-02 11:00"), deadlines.Acknowledgement.Due);
        Assert.Equal(Local("2026-03-02 16:00"), deadlines.Resolution.Due);
        Assert.Equal("24/7", deadlines.Resolution.CalendarName);
    }

    [Fact]
    public void A_recomputation_replays_the_pauses_in_the_new_target_unit()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.PauseResolution(Local("2026-03-03 12:00"));
        deadlines.ResumeResolution(Local("2026-03-05 10:00"), Office);

        deadlines.ApplyRow(Table.RowFor(Defects, Priority.Normal), Local("2026-03-05 11:00"), "Type changed to Product defects");

        // Five working days give Saturday 7 March; the two closes paused add Monday 9 and Tuesday 10.
        Assert.Equal(Local("2026-03-10 21:00"), deadlines.Resolution.Due);
    }

    [Fact]
    public void Resolving_starts_the_follow_up_clock()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.Acknowledge(Local("2026-03-02 10:30"));

        deadlines.Resolve(Local("2026-03-04 12:00"), Office);

        // Seven working days after Wednesday 4 March: Thu, Fri, Sat, Mon, Tue, Wed, Thu.
        Assert.True(deadlines.Resolution.Met);
        Assert.Equal(ClockStart.Resolved, deadlines.FollowUp!.StartedBy);
        Assert.Equal(Local("2026-03-12 21:00"), deadlines.FollowUp.Due);

        deadlines.RecordFollowUp(Local("2026-03-10 14:00"));
        Assert.True(deadlines.FollowUp.Met);
    }

    [Fact]
    public void A_substantive_response_to_an_unacknowledged_case_acknowledges_it_at_the_same_moment()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        deadlines.Resolve(Local("2026-03-02 15:00"), Office);

        Assert.Equal(Local("2026-03-02 15:00"), deadlines.Acknowledgement.CompletedAt);
        Assert.True(deadlines.Acknowledgement.Met);
    }

    [Fact]
    public void Reopening_starts_a_new_resolution_clock_at_the_reopen_time_with_the_same_target()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.Resolve(Local("2026-03-04 12:00"), Office);

        var finished = deadlines.Reopen(Local("2026-03-09 10:00"), Office);

        Assert.True(finished.Met);
        Assert.Equal(1, deadlines.ReopenCount);
        Assert.Equal(ClockStart.Reopened, deadlines.Resolution.StartedBy);
        Assert.Equal(Local("2026-03-09 10:00"), deadlines.Resolution.StartedAt);
        Assert.Equal(Local("2026-03-12 21:00"), deadlines.Resolution.Due);
        Assert.Null(deadlines.Resolution.Met);
        Assert.Null(deadlines.FollowUp);
    }

    [Fact]
    public void A_case_resolved_at_first_contact_meets_acknowledgement_and_resolution_and_starts_follow_up()
    {
        var deadlines = CaseDeadlines.StartResolvedAtFirstContact(
            Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"), Local("2026-03-02 10:05"));

        Assert.True(deadlines.ResolvedAtFirstContact);
        Assert.True(deadlines.Acknowledgement.Met);
        Assert.True(deadlines.Acknowledgement.MetAtFirstContact);
        Assert.True(deadlines.Resolution.Met);
        Assert.Equal(Local("2026-03-10 21:00"), deadlines.FollowUp!.Due);
        Assert.Contains("Met: resolved at first contact Mon 2 Mar 2026 10:05.", deadlines.Resolution.Explain());
    }

    [Fact]
    public void A_first_contact_resolution_logged_days_later_still_meets_both_deadlines()
    {
        var deadlines = CaseDeadlines.StartResolvedAtFirstContact(
            Table.RowFor(Billing, Priority.Critical), Local("2026-03-02 10:00"), Local("2026-03-02 10:05"));

        Assert.False(deadlines.Acknowledgement.IsBreachedAt(Local("2026-03-06 09:00")));
        Assert.True(deadlines.Resolution.Met);
    }

    [Fact]
    public void A_deadline_explains_its_row_calendar_target_start_pauses_extensions_and_outcome()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.PauseResolution(Local("2026-03-03 12:00"));
        deadlines.ResumeResolution(Local("2026-03-05 10:00"), Office);
        deadlines.ExtendResolution(Local("2026-03-06 15:00"), Local("2026-03-10 21:00"), "Waiting for the supplier's report");
        deadlines.Resolve(Local("2026-03-09 16:00"), Office);

        Assert.Equal(
            [
                "Resolution due Tue 10 Mar 2026 21:00.",
                "SLA row: Billing issues, any priority.",
                "Calendar: office (times in Europe/London).",
                "Target: 3 working days: close of business on working day 3 after the date the clock started (that date never counts).",
                "Clock started Mon 2 Mar 2026 10:00 when the customer made contact; the target alone gives Thu 5 Mar 2026 21:00.",
                "Waiting on the customer Tue 3 Mar 2026 12:00 to Thu 5 Mar 2026 10:00: 2 closes of business passed, so 2 working days; deadline moved from Thu 5 Mar 2026 21:00 to Sat 7 Mar 2026 21:00.",
                "Extended Fri 6 Mar 2026 15:00 (Waiting for the supplier's report): deadline moved from Sat 7 Mar 2026 21:00 to Tue 10 Mar 2026 21:00.",
                "Met: done Mon 9 Mar 2026 16:00, at or before the deadline.",
            ],
            deadlines.Resolution.Explain());
    }

    [Fact]
    public void A_deadline_refuses_arithmetic_on_a_calendar_other_than_its_own()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.PauseResolution(Local("2026-03-02 11:00"));

        Assert.Throws<DomainRuleException>(() => deadlines.ResumeResolution(Local("2026-03-02 12:00"), AroundTheClock));
    }

    [Fact]
    public void Changes_to_a_clock_are_recorded_in_the_order_they_happened()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.PauseResolution(Local("2026-03-03 12:00"));

        Assert.Throws<DomainRuleException>(() => deadlines.ResumeResolution(Local("2026-03-03 11:00"), Office));
        Assert.Throws<DomainRuleException>(() => deadlines.Acknowledge(Local("2026-03-02 09:00")));
    }

    [Fact]
    public void A_case_is_acknowledged_once_and_reopened_only_once_resolved()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.Acknowledge(Local("2026-03-02 11:00"));

        Assert.Throws<DomainRuleException>(() => deadlines.Acknowledge(Local("2026-03-02 12:00")));
        Assert.Throws<DomainRuleException>(() => deadlines.Reopen(Local("2026-03-02 12:00"), Office));
        Assert.Throws<DomainRuleException>(() => deadlines.RecordFollowUp(Local("2026-03-02 12:00")));
    }

    [Fact]
    public void An_extension_granted_exactly_at_the_deadline_still_moves_it()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        var extension = deadlines.ExtendResolution(Local("2026-03-05 21:00"), Local("2026-03-07 21:00"), "Parts on order");

        Assert.True(extension.Applied);
        Assert.Equal(Local("2026-03-07 21:00"), deadlines.Resolution.Due);
    }

    [Fact]
    public void A_paused_clock_explains_that_it_is_stopped()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));

        deadlines.PauseResolution(Local("2026-03-03 12:00"));

        Assert.Equal(
            "Waiting on the customer since Tue 3 Mar 2026 12:00: the clock is stopped and the deadline will move when it resumes.",
            deadlines.Resolution.Explain()[^1]);
    }

    [Fact]
    public void A_reopened_resolution_clock_is_recomputed_from_the_reopen_time()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.Acknowledge(Local("2026-03-02 10:30"));
        deadlines.Resolve(Local("2026-03-04 12:00"), Office);
        deadlines.Reopen(Local("2026-03-09 10:00"), Office);

        deadlines.ApplyRow(Table.RowFor(Outage, Priority.Normal), Local("2026-03-09 11:00"), "Type changed to Service outage");

        // Two working days after Monday 9 March: Tuesday 10, Wednesday 11.
        Assert.Equal(Local("2026-03-11 21:00"), deadlines.Resolution.Due);
        Assert.True(deadlines.Acknowledgement.Met);
    }

    [Fact]
    public void An_open_follow_up_is_recomputed_from_the_resolution_time()
    {
        var deadlines = CaseDeadlines.Start(Table.RowFor(Billing, Priority.Normal), Local("2026-03-02 10:00"));
        deadlines.Resolve(Local("2026-03-04 12:00"), Office);

        var changes = deadlines.ApplyRow(Table.RowFor(Defects, Priority.Normal), Local("2026-03-05 09:00"), "Type changed to Product defects");

        // Fourteen working days after Wednesday 4 March on the office calendar (Monday to Saturday):
        // Thu 5, Fri 6, Sat 7, Mon 9 ... Sat 14, Mon 16 ... Fri 20 March.
        var change = Assert.Single(changes);
        Assert.Equal(DeadlineKind.FollowUp, change.Kind);
        Assert.Equal(Local("2026-03-20 21:00"), deadlines.FollowUp!.Due);
    }
}
