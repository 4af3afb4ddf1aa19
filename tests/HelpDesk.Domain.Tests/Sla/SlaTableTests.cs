using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Sla;

public class SlaTableTests
{
    private const int Billing = 1;
    private const int Defects = 2;
    private const int Outage = 3;
    private const int General = 4;

    private static readonly BusinessCalendar Office = BusinessCalendar.Office();
    private static readonly BusinessCalendar AroundTheClock = BusinessCalendar.AroundTheClock();
    private static readonly SlaTable Seeded = SlaTable.Seeded(new SeededComplaintTypes(Billing, Defects, Outage), Office, AroundTheClock);

    [Fact]
    public void The_seeded_default_row_is_one_working_day_seven_and_seven_on_the_office_calendar()
    {
        var row = Seeded.RowFor(General, Priority.Normal);

        Assert.True(row.IsDefault);
        Assert.Equal(SlaTarget.WorkingDays(1), row.Acknowledge);
        Assert.Equal(SlaTarget.WorkingDays(7), row.Resolve);
        Assert.Equal(SlaTarget.WorkingDays(7), row.FollowUp);
        Assert.Same(Office, row.Calendar);
    }

    [Theory]
    [InlineData(Billing, "Billing issues, any priority", "24 hours", "3 working days", "7 working days")]
    [InlineData(Defects, "Product defects, any priority", "24 hours", "5 working days", "14 working days")]
    [InlineData(Outage, "Service outage, any priority", "12 hours", "2 working days", "7 working days")]
    public void The_seeded_type_rows_match_the_policy(int type, string label, string acknowledge, string resolve, string followUp)
    {
        var row = Seeded.RowFor(type, Priority.High);

        Assert.Equal(label, row.Label);
        Assert.Equal(acknowledge, row.Acknowledge.Describe());
        Assert.Equal(resolve, row.Resolve.Describe());
        Assert.Equal(followUp, row.FollowUp.Describe());
        Assert.Equal("office", row.Calendar.Name);
        Assert.Equal(SlaUnit.ElapsedHours, row.Acknowledge.Unit);
    }

    [Theory]
    [InlineData(Billing)]
    [InlineData(Defects)]
    [InlineData(General)]
    public void A_Critical_case_takes_the_Critical_row_whatever_its_type(int type)
    {
        var row = Seeded.RowFor(type, Priority.Critical);

        Assert.Equal("Any type, Critical", row.Label);
        Assert.Equal("1 hour", row.Acknowledge.Describe());
        Assert.Equal("6 hours", row.Resolve.Describe());
        Assert.Equal("1 working day", row.FollowUp.Describe());
        Assert.Same(AroundTheClock, row.Calendar);
    }

    [Fact]
    public void Type_and_priority_match_before_any_type_and_priority_before_type_and_any_priority_before_the_default()
    {
        var table = SlaTable.Create(
        [
            Row(null, null, "default"),
            Row(Billing, null, "billing, any priority"),
            Row(null, Priority.High, "any type, high"),
            Row(Billing, Priority.High, "billing, high"),
        ]);

        Assert.Equal("billing, high", table.RowFor(Billing, Priority.High).Label);
        Assert.Equal("any type, high", table.RowFor(Defects, Priority.High).Label);
        Assert.Equal("billing, any priority", table.RowFor(Billing, Priority.Low).Label);
        Assert.Equal("default", table.RowFor(Defects, Priority.Low).Label);
    }

    [Fact]
    public void Any_type_with_a_priority_wins_over_a_type_with_any_priority()
    {
        var table = SlaTable.Create([Row(null, null, "default"), Row(Billing, null, "billing"), Row(null, Priority.Low, "low")]);

        Assert.Equal("low", table.RowFor(Billing, Priority.Low).Label);
    }

    [Fact]
    public void A_table_without_a_default_row_is_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() => SlaTable.Create([Row(Billing, null, "billing")]));

        Assert.Contains("default row", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_with_two_rows_for_the_same_type_and_priority_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => SlaTable.Create([Row(null, null, "default"), Row(Billing, null, "a"), Row(Billing, null, "b")]));
    }

    private static SlaRow Row(int? type, Priority? priority, string label) =>
        new(type, priority, label, Office, SlaTarget.WorkingDays(1), SlaTarget.WorkingDays(2), SlaTarget.WorkingDays(3));
}
