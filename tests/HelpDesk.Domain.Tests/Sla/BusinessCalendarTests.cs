using HelpDesk.Domain.Sla;
using static HelpDesk.Domain.Tests.Sla.WallClock;

namespace HelpDesk.Domain.Tests.Sla;

public class BusinessCalendarTests
{
    [Fact]
    public void The_office_calendar_is_open_Monday_to_Saturday_nine_to_nine()
    {
        var office = BusinessCalendar.Office();

        Assert.Equal("office", office.Name);
        Assert.Equal(London, office.TimeZoneId);
        Assert.Empty(office.WeeklyHours[DayOfWeek.Sunday]);
        Assert.Equal([OpenInterval.Hours(9, 21)], office.WeeklyHours[DayOfWeek.Saturday]);
        Assert.Empty(office.Holidays);
        Assert.True(office.IsOpenAt(Local("2026-03-07 20:59")));
        Assert.False(office.IsOpenAt(Local("2026-03-08 12:00")));
    }

    [Fact]
    public void The_seeded_calendars_take_the_configured_time_zone()
    {
        Assert.Equal(Sydney, BusinessCalendar.Office(Sydney).TimeZoneId);
        Assert.Equal(Sydney, BusinessCalendar.AroundTheClock(Sydney).TimeZoneId);
        Assert.Equal("24/7", BusinessCalendar.AroundTheClock().Name);
    }

    [Fact]
    public void Open_intervals_are_half_open_open_at_the_opening_closed_at_the_close()
    {
        var calendar = NineToFive();

        Assert.False(calendar.IsOpenAt(Local("2026-03-02 08:59")));
        Assert.True(calendar.IsOpenAt(Local("2026-03-02 09:00")));
        Assert.True(calendar.IsOpenAt(Local("2026-03-02 16:59")));
        Assert.False(calendar.IsOpenAt(Local("2026-03-02 17:00")));
    }

    [Fact]
    public void The_next_opening_is_the_instant_itself_while_open()
    {
        var calendar = NineToFive();

        Assert.Equal(Local("2026-03-02 10:30"), calendar.NextOpening(Local("2026-03-02 10:30")));
        Assert.Equal(Local("2026-03-03 09:00"), calendar.NextOpening(Local("2026-03-02 17:00")));
        Assert.Equal(Local("2026-03-09 09:00"), calendar.NextOpening(Local("2026-03-07 12:00")));
    }

    [Fact]
    public void A_working_day_is_a_non_holiday_date_with_open_hours_and_closes_at_the_end_of_its_last_interval()
    {
        var calendar = Calendar(MondayToFriday, "09:00-12:00, 13:00-17:30", London, Holiday("2026-04-03", "Good Friday"));

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 4, 2)));
        Assert.Equal(Local("2026-04-02 17:30"), calendar.CloseOfBusiness(new DateOnly(2026, 4, 2)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 4, 3)));
        Assert.Null(calendar.CloseOfBusiness(new DateOnly(2026, 4, 3)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 4, 4)));
        Assert.False(calendar.IsOpenAt(Local("2026-04-03 10:00")));
    }

    [Fact]
    public void Business_time_between_two_instants_counts_only_open_hours()
    {
        var calendar = NineToFive();

        // Monday 08:00 to Tuesday 10:00: Monday 09:00-17:00 and Tuesday 09:00-10:00.
        Assert.Equal(TimeSpan.FromHours(9), calendar.BusinessTimeBetween(Local("2026-03-02 08:00"), Local("2026-03-03 10:00")));
        // Friday 16:00 to Monday 09:30, over a closed weekend.
        Assert.Equal(TimeSpan.FromMinutes(90), calendar.BusinessTimeBetween(Local("2026-03-06 16:00"), Local("2026-03-09 09:30")));
        Assert.Equal(TimeSpan.Zero, calendar.BusinessTimeBetween(Local("2026-03-03 10:00"), Local("2026-03-02 10:00")));
    }

    [Fact]
    public void Closes_of_business_are_counted_strictly_after_the_first_instant_and_at_or_before_the_second()
    {
        var calendar = NineToFive();

        Assert.Equal(1, calendar.ClosesOfBusinessBetween(Local("2026-03-02 17:00"), Local("2026-03-03 17:00")));
        Assert.Equal(0, calendar.ClosesOfBusinessBetween(Local("2026-03-02 17:00"), Local("2026-03-03 16:59")));
        // Friday noon to Monday noon: only Friday's close; the weekend has none.
        Assert.Equal(1, calendar.ClosesOfBusinessBetween(Local("2026-03-06 12:00"), Local("2026-03-09 12:00")));
    }

    [Fact]
    public void The_local_date_of_an_instant_is_read_in_the_calendar_zone()
    {
        var sydney = BusinessCalendar.Office(Sydney);

        // 20:00 UTC on 1 March is 07:00 on 2 March in Sydney (daylight time, +11).
        Assert.Equal(new DateOnly(2026, 3, 2), sydney.LocalDateOf(At("2026-03-01 20:00 +00:00")));
        Assert.Equal(new DateOnly(2026, 3, 1), BusinessCalendar.Office().LocalDateOf(At("2026-03-01 20:00 +00:00")));
    }

    [Fact]
    public void A_calendar_never_open_is_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() =>
            BusinessCalendar.Create("closed", London, new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>>()));

        Assert.Contains("no open hours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_open_hours_are_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() => Calendar(MondayToFriday, "09:00-13:00, 12:00-17:00"));

        Assert.Contains("must not overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_hours_out_of_order_are_refused()
    {
        Assert.Throws<DomainRuleException>(() => Calendar(MondayToFriday, "13:00-17:00, 09:00-12:00"));
    }

    [Theory]
    [InlineData("17:00-09:00")]
    [InlineData("09:00-09:00")]
    [InlineData("22:00-24:30")]
    [InlineData("nine to five")]
    public void Open_hours_must_open_before_they_close_within_one_day(string hours)
    {
        Assert.Throws<DomainRuleException>(() => OpenInterval.Parse(hours));
    }

    [Fact]
    public void Open_hours_may_run_to_the_end_of_the_day()
    {
        var lateShift = OpenInterval.Parse("18:00-24:00");

        Assert.Equal(TimeSpan.FromHours(24), lateShift.Closes);
        Assert.Equal("18:00–24:00", lateShift.ToString());
    }

    [Fact]
    public void An_unknown_time_zone_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => BusinessCalendar.Office("Europe/Atlantis"));
    }

    [Fact]
    public void A_holiday_listed_twice_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => NineToFive(Holiday("2026-12-25"), Holiday("2026-12-25", "Christmas Day")));
    }

    [Fact]
    public void A_local_opening_that_does_not_exist_is_skipped_to_the_end_of_the_gap()
    {
        // London springs forward on Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST; 01:30 never happens.
        var calendar = Calendar(EveryDay, "01:30-03:00");

        Assert.Equal(At("2026-03-29 02:00 +01:00"), calendar.NextOpening(Local("2026-03-29 00:00")));
        Assert.Equal(TimeSpan.FromHours(1), calendar.BusinessTimeBetween(Local("2026-03-29 00:00"), Local("2026-03-29 12:00")));
        Assert.Equal(TimeSpan.FromHours(1.5), calendar.BusinessTimeBetween(Local("2026-03-30 00:00"), Local("2026-03-30 12:00")));
    }

    [Fact]
    public void An_ambiguous_opening_or_close_is_its_first_occurrence()
    {
        // London falls back on Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
        // Open 01:30-03:00 runs from the first 01:30 (BST) to 03:00 GMT: two and a half hours.
        var calendar = Calendar(EveryDay, "01:30-03:00");

        Assert.Equal(At("2026-10-25 01:30 +01:00"), calendar.NextOpening(Local("2026-10-25 00:00")));
        Assert.Equal(TimeSpan.FromHours(2.5), calendar.BusinessTimeBetween(Local("2026-10-25 00:00"), Local("2026-10-25 12:00")));

        // Closing at 01:30 means the first 01:30 (BST); the office does not wait for the clock to come round again.
        var early = Calendar(EveryDay, "00:00-01:30");
        Assert.Equal(At("2026-10-25 01:30 +01:00"), early.CloseOfBusiness(new DateOnly(2026, 10, 25)));
    }

    [Theory]
    [InlineData(London, "2026-03-29", 23)]
    [InlineData(London, "2026-10-25", 25)]
    [InlineData(London, "2026-06-14", 24)]
    [InlineData(Sydney, "2026-10-04", 23)]
    [InlineData(Sydney, "2026-04-05", 25)]
    public void A_daylight_saving_day_on_a_24_7_calendar_is_23_or_25_hours(string zone, string date, int hours)
    {
        var calendar = BusinessCalendar.AroundTheClock(zone);
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        var midnight = Local($"{date} 00:00", zone);
        var nextMidnight = Local($"{day.AddDays(1):yyyy-MM-dd} 00:00", zone);

        Assert.Equal(TimeSpan.FromHours(hours), calendar.BusinessTimeBetween(midnight, nextMidnight));
        Assert.Equal(nextMidnight, calendar.CloseOfBusiness(day));
    }

    [Fact]
    public void Deadlines_beyond_the_supported_years_are_refused_rather_than_guessed()
    {
        var error = Assert.Throws<DomainRuleException>(() => BusinessCalendar.Office().AddWorkingDays(Local("2399-12-30 10:00"), 5));

        Assert.Contains("between the years 1900 and 2399", error.Message, StringComparison.Ordinal);
    }
}
