using HelpDesk.Domain.Sla;
using static HelpDesk.Domain.Tests.Sla.WallClock;

namespace HelpDesk.Domain.Tests.Sla;

public class SlaTargetTests
{
    private static readonly BusinessCalendar Office = BusinessCalendar.Office();

    [Theory]
    [InlineData(24, SlaUnit.ElapsedHours, "24 hours")]
    [InlineData(1, SlaUnit.ElapsedHours, "1 hour")]
    [InlineData(30, SlaUnit.ElapsedMinutes, "30 minutes")]
    [InlineData(8, SlaUnit.BusinessHours, "8 business hours")]
    [InlineData(90, SlaUnit.BusinessMinutes, "90 business minutes")]
    [InlineData(3, SlaUnit.WorkingDays, "3 working days")]
    [InlineData(1, SlaUnit.WorkingDays, "1 working day")]
    public void A_target_describes_itself_in_words(int amount, SlaUnit unit, string words)
    {
        Assert.Equal(words, new SlaTarget(amount, unit).Describe());
    }

    [Fact]
    public void A_negative_target_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => SlaTarget.WorkingDays(-1));
    }

    // Elapsed time: wall clock, whatever the calendar says.

    [Fact]
    public void Elapsed_hours_ignore_the_calendar_even_over_a_closed_Sunday()
    {
        var due = SlaTarget.ElapsedHours(24).DeadlineFrom(Local("2026-03-07 20:00"), Office);

        Assert.Equal(Local("2026-03-08 20:00"), due);
        Assert.Equal(TimeSpan.Zero, due.Offset);
    }

    [Fact]
    public void Elapsed_minutes_run_past_the_close()
    {
        Assert.Equal(Local("2026-03-02 17:30"), SlaTarget.ElapsedMinutes(90).DeadlineFrom(Local("2026-03-02 16:00"), NineToFive()));
    }

    [Fact]
    public void Twenty_four_elapsed_hours_across_the_spring_change_in_London_read_an_hour_later_on_the_wall_clock()
    {
        // Saturday 12:00 GMT + 24 hours = Sunday 12:00 GMT = 13:00 BST.
        Assert.Equal(Local("2026-03-29 13:00"), SlaTarget.ElapsedHours(24).DeadlineFrom(Local("2026-03-28 12:00"), Office));
    }

    [Fact]
    public void Twenty_four_elapsed_hours_across_the_autumn_change_in_London_read_an_hour_earlier_on_the_wall_clock()
    {
        // Saturday 12:00 BST + 24 hours = Sunday 11:00 GMT.
        Assert.Equal(Local("2026-10-25 11:00"), SlaTarget.ElapsedHours(24).DeadlineFrom(Local("2026-10-24 12:00"), Office));
    }

    [Fact]
    public void Twenty_four_elapsed_hours_across_the_April_change_in_Sydney_read_an_hour_earlier_on_the_wall_clock()
    {
        // Sydney leaves daylight time on Sunday 5 April 2026: 03:00 AEDT becomes 02:00 AEST.
        var sydney = BusinessCalendar.Office(Sydney);

        Assert.Equal(Local("2026-04-05 11:00", Sydney), SlaTarget.ElapsedHours(24).DeadlineFrom(Local("2026-04-04 12:00", Sydney), sydney));
    }

    [Fact]
    public void Twenty_four_elapsed_hours_across_the_October_change_in_Sydney_read_an_hour_later_on_the_wall_clock()
    {
        var sydney = BusinessCalendar.Office(Sydney);

        Assert.Equal(Local("2026-10-04 13:00", Sydney), SlaTarget.ElapsedHours(24).DeadlineFrom(Local("2026-10-03 12:00", Sydney), sydney));
    }

    // Business time: only time inside open hours counts; [open, close).

    [Fact]
    public void Eight_business_hours_from_Monday_nine_on_a_nine_to_five_calendar_are_due_Monday_at_five()
    {
        Assert.Equal(Local("2026-03-02 17:00"), SlaTarget.BusinessHours(8).DeadlineFrom(Local("2026-03-02 09:00"), NineToFive()));
    }

    [Fact]
    public void Nine_business_hours_from_Monday_nine_run_into_Tuesday_morning()
    {
        Assert.Equal(Local("2026-03-03 10:00"), SlaTarget.BusinessHours(9).DeadlineFrom(Local("2026-03-02 09:00"), NineToFive()));
    }

    [Theory]
    [InlineData("2026-03-02 07:00", "2026-03-02 10:00")] // before opening: starts at 09:00
    [InlineData("2026-03-02 12:15", "2026-03-02 13:15")] // during open hours
    [InlineData("2026-03-02 18:00", "2026-03-03 10:00")] // after close: starts at Tuesday's opening
    [InlineData("2026-03-02 16:30", "2026-03-03 09:30")] // half an hour on Monday, half on Tuesday
    [InlineData("2026-03-06 16:30", "2026-03-09 09:30")] // Friday afternoon: over the weekend
    [InlineData("2026-03-08 11:00", "2026-03-09 10:00")] // Sunday: a closed day
    public void One_business_hour_starts_counting_at_the_next_opening(string receivedAt, string due)
    {
        Assert.Equal(Local(due), SlaTarget.BusinessHours(1).DeadlineFrom(Local(receivedAt), NineToFive()));
    }

    [Fact]
    public void Business_minutes_carry_over_to_the_next_working_day()
    {
        Assert.Equal(Local("2026-03-03 09:30"), SlaTarget.BusinessMinutes(90).DeadlineFrom(Local("2026-03-02 16:00"), NineToFive()));
    }

    [Fact]
    public void A_lunch_break_does_not_count_and_a_target_running_out_at_noon_is_due_at_noon()
    {
        var withLunch = Calendar(MondayToFriday, "09:00-12:00, 13:00-17:00");

        Assert.Equal(Local("2026-03-02 12:00"), SlaTarget.BusinessHours(1).DeadlineFrom(Local("2026-03-02 11:00"), withLunch));
        Assert.Equal(Local("2026-03-02 14:00"), SlaTarget.BusinessHours(2).DeadlineFrom(Local("2026-03-02 11:00"), withLunch));
        Assert.Equal(Local("2026-03-02 13:30"), SlaTarget.BusinessMinutes(30).DeadlineFrom(Local("2026-03-02 12:20"), withLunch));
        Assert.Equal(Local("2026-03-02 17:00"), withLunch.CloseOfBusiness(new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public void A_24_7_calendar_crossing_midnight_adds_no_minute()
    {
        var aroundTheClock = BusinessCalendar.AroundTheClock();

        Assert.Equal(Local("2026-03-03 01:00"), SlaTarget.BusinessHours(2).DeadlineFrom(Local("2026-03-02 23:00"), aroundTheClock));
        Assert.Equal(TimeSpan.FromHours(2), aroundTheClock.BusinessTimeBetween(Local("2026-03-02 23:00"), Local("2026-03-03 01:00")));
        Assert.True(aroundTheClock.IsOpenAt(Local("2026-03-03 00:00")));
    }

    [Fact]
    public void Business_hours_on_a_24_7_calendar_over_the_spring_change_are_real_hours()
    {
        // Saturday 23:00 GMT + 24 business hours: Sunday has only 23, so the deadline is Monday 00:00 BST.
        var aroundTheClock = BusinessCalendar.AroundTheClock();

        Assert.Equal(Local("2026-03-30 00:00"), SlaTarget.BusinessHours(24).DeadlineFrom(Local("2026-03-28 23:00"), aroundTheClock));
    }

    [Fact]
    public void Business_hours_overnight_lose_the_missing_hour_in_spring_and_gain_the_repeated_hour_in_autumn_in_London()
    {
        var nightShift = Calendar(EveryDay, "00:00-06:00");

        // 29 March: 00:00-01:00 GMT then 02:00-06:00 BST is five hours; the sixth is Monday 00:00-01:00.
        Assert.Equal(Local("2026-03-30 01:00"), SlaTarget.BusinessHours(6).DeadlineFrom(Local("2026-03-29 00:00"), nightShift));
        // 25 October: 00:00 BST to 06:00 GMT is seven hours, so six run out at 05:00 GMT.
        Assert.Equal(Local("2026-10-25 05:00"), SlaTarget.BusinessHours(6).DeadlineFrom(Local("2026-10-25 00:00"), nightShift));
    }

    [Fact]
    public void Business_hours_overnight_lose_the_missing_hour_in_October_and_gain_the_repeated_hour_in_April_in_Sydney()
    {
        var nightShift = Calendar(EveryDay, "00:00-06:00", Sydney);

        // 4 October: 02:00 AEST jumps to 03:00 AEDT, so the night has five hours.
        Assert.Equal(Local("2026-10-05 01:00", Sydney), SlaTarget.BusinessHours(6).DeadlineFrom(Local("2026-10-04 00:00", Sydney), nightShift));
        // 5 April: 03:00 AEDT falls back to 02:00 AEST, so the night has seven hours.
        Assert.Equal(Local("2026-04-05 05:00", Sydney), SlaTarget.BusinessHours(6).DeadlineFrom(Local("2026-04-05 00:00", Sydney), nightShift));
    }

    [Fact]
    public void Business_hours_on_the_office_calendar_across_a_daylight_saving_weekend_keep_the_wall_clock_hours()
    {
        // Saturday 20:00 GMT: one hour on Saturday, then Monday (BST) from 09:00.
        Assert.Equal(Local("2026-03-30 11:00"), SlaTarget.BusinessHours(3).DeadlineFrom(Local("2026-03-28 20:00"), Office));
        Assert.Equal(Local("2026-10-26 11:00"), SlaTarget.BusinessHours(3).DeadlineFrom(Local("2026-10-24 20:00"), Office));
    }

    [Fact]
    public void A_zero_target_is_due_at_the_start_instant_even_when_closed()
    {
        var sundayMorning = Local("2026-03-08 10:00");

        Assert.Equal(sundayMorning, SlaTarget.BusinessHours(0).DeadlineFrom(sundayMorning, Office));
        Assert.Equal(sundayMorning, SlaTarget.WorkingDays(0).DeadlineFrom(sundayMorning, Office));
        Assert.Equal(sundayMorning, SlaTarget.ElapsedHours(0).DeadlineFrom(sundayMorning, Office));
    }

    // Working days: close of business on the N-th working day after the start date.

    [Theory]
    [InlineData("2026-03-02 07:00")] // before opening
    [InlineData("2026-03-02 10:00")] // during open hours
    [InlineData("2026-03-02 22:30")] // after close
    public void One_working_day_is_close_of_business_the_next_working_day_whatever_the_time_of_arrival(string receivedAt)
    {
        Assert.Equal(Local("2026-03-03 21:00"), SlaTarget.WorkingDays(1).DeadlineFrom(Local(receivedAt), Office));
    }

    [Fact]
    public void Arrival_on_a_closed_Sunday_is_due_at_close_of_business_on_Monday()
    {
        Assert.Equal(Local("2026-03-09 21:00"), SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-03-08 15:00"), Office));
    }

    [Fact]
    public void Arrival_on_Saturday_skips_the_closed_Sunday()
    {
        Assert.Equal(Local("2026-03-09 21:00"), SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-03-07 12:00"), Office));
    }

    [Fact]
    public void Seven_working_days_from_a_Monday_on_the_office_calendar_are_the_next_Tuesday_evening()
    {
        // Tue 3, Wed 4, Thu 5, Fri 6, Sat 7, (Sunday closed), Mon 9, Tue 10.
        Assert.Equal(Local("2026-03-10 21:00"), SlaTarget.WorkingDays(7).DeadlineFrom(Local("2026-03-02 10:00"), Office));
    }

    [Fact]
    public void A_holiday_on_the_deadline_date_moves_it_to_the_next_working_day()
    {
        var office = BusinessCalendar.Office(London, [Holiday("2026-03-03")]);

        Assert.Equal(Local("2026-03-04 21:00"), SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-03-02 10:00"), office));
    }

    [Fact]
    public void A_holiday_on_the_start_date_changes_nothing_because_the_start_date_never_counts()
    {
        var office = BusinessCalendar.Office(London, [Holiday("2026-03-02")]);

        Assert.Equal(Local("2026-03-03 21:00"), SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-03-02 10:00"), office));
    }

    [Fact]
    public void Holidays_do_not_stop_business_hours_either()
    {
        var calendar = NineToFive(Holiday("2026-03-03"));

        Assert.Equal(Local("2026-03-04 10:00"), SlaTarget.BusinessHours(2).DeadlineFrom(Local("2026-03-02 16:00"), calendar));
    }

    [Fact]
    public void New_Years_Day_is_skipped_across_the_turn_of_the_year()
    {
        var office = BusinessCalendar.Office(London, [Holiday("2026-01-01", "New Year's Day")]);
        var newYearsEve = Local("2025-12-31 15:00");

        // Thursday 1 January is a holiday: Fri 2, Sat 3, (Sunday), Mon 5.
        Assert.Equal(Local("2026-01-02 21:00"), SlaTarget.WorkingDays(1).DeadlineFrom(newYearsEve, office));
        Assert.Equal(Local("2026-01-05 21:00"), SlaTarget.WorkingDays(3).DeadlineFrom(newYearsEve, office));
        Assert.Equal(Local("2026-01-02 11:00"), SlaTarget.BusinessHours(8).DeadlineFrom(newYearsEve, office));
    }

    [Fact]
    public void A_schedule_open_only_on_some_weekdays_counts_only_those_days()
    {
        var tuesdaysAndThursdays = Calendar([DayOfWeek.Tuesday, DayOfWeek.Thursday], "10:00-14:00");
        var monday = Local("2026-03-02 10:00");

        Assert.Equal(Local("2026-03-03 14:00"), SlaTarget.WorkingDays(1).DeadlineFrom(monday, tuesdaysAndThursdays));
        Assert.Equal(Local("2026-03-05 14:00"), SlaTarget.WorkingDays(2).DeadlineFrom(monday, tuesdaysAndThursdays));
        Assert.Equal(Local("2026-03-10 14:00"), SlaTarget.WorkingDays(3).DeadlineFrom(monday, tuesdaysAndThursdays));
        Assert.Equal(Local("2026-03-05 12:00"), SlaTarget.BusinessHours(6).DeadlineFrom(monday, tuesdaysAndThursdays));
    }

    [Fact]
    public void Working_days_across_the_spring_change_in_London_close_at_nine_in_the_evening_summer_time()
    {
        var due = SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-03-28 10:00"), Office);

        Assert.Equal(Local("2026-03-30 21:00"), due);
        Assert.Equal(At("2026-03-30 20:00 +00:00"), due);
    }

    [Fact]
    public void Working_days_across_the_autumn_change_in_London_close_at_nine_in_the_evening_winter_time()
    {
        var due = SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-10-24 10:00"), Office);

        Assert.Equal(At("2026-10-26 21:00 +00:00"), due);
    }

    [Fact]
    public void Working_days_across_the_April_change_in_Sydney_close_at_nine_in_the_evening_standard_time()
    {
        var due = SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-04-04 10:00", Sydney), BusinessCalendar.Office(Sydney));

        Assert.Equal(At("2026-04-06 21:00 +10:00"), due);
    }

    [Fact]
    public void Working_days_across_the_October_change_in_Sydney_close_at_nine_in_the_evening_daylight_time()
    {
        var due = SlaTarget.WorkingDays(1).DeadlineFrom(Local("2026-10-03 10:00", Sydney), BusinessCalendar.Office(Sydney));

        Assert.Equal(At("2026-10-05 21:00 +11:00"), due);
    }

    [Fact]
    public void The_start_date_is_the_local_date_in_the_calendar_zone_not_the_UTC_date()
    {
        // Monday 2 March 23:30 UTC is already Tuesday 3 March 10:30 in Sydney, so Tuesday never counts.
        var due = SlaTarget.WorkingDays(1).DeadlineFrom(At("2026-03-02 23:30 +00:00"), BusinessCalendar.Office(Sydney));

        Assert.Equal(Local("2026-03-04 21:00", Sydney), due);
    }
}
