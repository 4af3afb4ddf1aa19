using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>A case carries its deadlines from the moment it is logged, and recomputes them when reclassified.</summary>
public class ComplaintDeadlineTests
{
    private const int Billing = 2;
    private const int ProductDefects = 3;
    private const int ServiceOutage = 4;
    private const int General = 1;

    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, ProductDefects, ServiceOutage), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Agent = new("agent-1", "Alex Agent");

    /// <summary>Wednesday 25 November 2026, 10:00 in London (GMT, so also 10:00 UTC).</summary>
    private static readonly DateTimeOffset Wednesday10 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Complaint Log(int type, Priority priority, DateTimeOffset receivedAt, DateTimeOffset now) =>
        Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(receivedAt, Channel.Phone, CaseKind.Complaint, type, priority, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(type, priority),
            Agent,
            now);

    [Fact]
    public void A_billing_complaint_is_acknowledged_within_24_hours_and_resolved_by_close_of_business_on_the_third_working_day()
    {
        var complaint = Log(Billing, Priority.Normal, Wednesday10, Wednesday10);

        Assert.Equal(Wednesday10.AddHours(24), complaint.AcknowledgeDue);
        // Thursday, Friday, Saturday are working days on the office calendar; close of business 21:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.Zero), complaint.ResolveDue);
        Assert.Null(complaint.FollowUpDue);
        Assert.Equal(complaint.AcknowledgeDue, complaint.NextDueAt);
        Assert.Equal(Table.RowFor(Billing, Priority.Normal).Label, complaint.Deadlines.RowLabel);
    }

    [Fact]
    public void A_letter_logged_two_days_late_starts_its_clocks_when_it_arrived()
    {
        var arrivedMonday = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

        var complaint = Log(General, Priority.Normal, arrivedMonday, Wednesday10);

        // One working day after Monday is Tuesday: close of business Tuesday 21:00, already past when logged.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero), complaint.AcknowledgeDue);
        Assert.True(complaint.Deadlines.Acknowledgement.IsBreachedAt(Wednesday10));
    }

    [Fact]
    public void A_critical_case_takes_the_critical_row_whatever_its_type()
    {
        var complaint = Log(ProductDefects, Priority.Critical, Wednesday10, Wednesday10);

        Assert.Equal(Wednesday10.AddHours(1), complaint.AcknowledgeDue);
        Assert.Equal(Wednesday10.AddHours(6), complaint.ResolveDue);
        Assert.Equal(BusinessCalendar.AroundTheClockName, complaint.Deadlines.CalendarName);
    }

    [Fact]
    public void A_row_for_another_type_or_priority_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Wednesday10, Channel.Phone, CaseKind.Complaint, General, Priority.Normal, new CustomerContact("A", "a@example.com", null, null), "s", "d"),
            Table.RowFor(Billing, Priority.Normal),
            Agent,
            Wednesday10));
    }

    [Fact]
    public void Changing_the_priority_recomputes_open_deadlines_from_the_original_received_time_and_says_so()
    {
        var complaint = Log(Billing, Priority.Normal, Wednesday10, Wednesday10);
        var twoHoursLater = Wednesday10.AddHours(2);

        var moved = complaint.ChangeClassification(Billing, "Billing issues", Priority.Critical, "Billing issues", Table.RowFor(Billing, Priority.Critical), Agent, twoHoursLater);

        Assert.Equal(2, moved);
        Assert.Equal(Priority.Critical, complaint.Priority);
        // From received-at, not from the change: 1 hour and 6 hours after Wednesday 10:00.
        Assert.Equal(Wednesday10.AddHours(1), complaint.AcknowledgeDue);
        Assert.Equal(Wednesday10.AddHours(6), complaint.ResolveDue);
        Assert.Contains(complaint.Timeline, e => e.Type == TimelineEventType.ClassificationChanged && e.OldValue == "Billing issues, Normal" && e.NewValue == "Billing issues, Critical");
        Assert.Equal(2, complaint.Timeline.Count(e => e.Type == TimelineEventType.DeadlineRecomputed));
        Assert.All(complaint.Timeline.Where(e => e.Type != TimelineEventType.Logged), e => Assert.False(e.VisibleToCustomer));
    }

    [Fact]
    public void Reclassifying_to_the_same_type_and_priority_is_refused()
    {
        var complaint = Log(Billing, Priority.Normal, Wednesday10, Wednesday10);

        Assert.Throws<DomainRuleException>(() => complaint.ChangeClassification(Billing, "Billing issues", Priority.Normal, "Billing issues", Table.RowFor(Billing, Priority.Normal), Agent, Wednesday10));
    }

    [Fact]
    public void A_recomputation_that_moves_nothing_still_leaves_a_note_on_the_timeline()
    {
        var complaint = Log(Billing, Priority.Normal, Wednesday10, Wednesday10);

        var moved = complaint.RecomputeDeadlines(Table.RowFor(Billing, Priority.High), Agent, Wednesday10.AddHours(1), "SLA table edited");

        Assert.Equal(0, moved);
        Assert.Contains(complaint.Timeline, e => e.Type == TimelineEventType.DeadlineRecomputed && e.Summary.Contains("none moved", StringComparison.Ordinal));
    }

    [Theory]
    // Logged Wednesday 10:00, due at close of business Thursday (21:00).
    [InlineData("2026-11-25T10:00:00Z", "1 working day left")]
    [InlineData("2026-11-26T12:00:00Z", "9 hours of business time left")]
    [InlineData("2026-11-26T20:59:00Z", "1 minute of business time left")]
    [InlineData("2026-11-27T12:00:00Z", "overdue by 3 hours of business time")]
    [InlineData("2026-11-28T22:00:00Z", "overdue by 2 working days")]
    public void Standing_is_told_in_the_targets_own_terms(string now, string expected)
    {
        var complaint = Log(General, Priority.Normal, Wednesday10, Wednesday10);

        Assert.Equal(expected, complaint.Deadlines.Acknowledgement.DescribeStanding(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), Office));
    }

    [Fact]
    public void An_elapsed_target_counts_wall_clock_time_left()
    {
        var complaint = Log(Billing, Priority.Normal, Wednesday10, Wednesday10);

        // 24 hours from Wednesday 10:00, asked on Wednesday 23:30 when the office is shut.
        Assert.Equal("10 hours 30 minutes left", complaint.Deadlines.Acknowledgement.DescribeStanding(new DateTimeOffset(2026, 11, 25, 23, 30, 0, TimeSpan.Zero), Office));
    }
}
