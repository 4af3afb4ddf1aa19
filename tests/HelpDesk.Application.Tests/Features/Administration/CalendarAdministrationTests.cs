using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Administration;

/// <summary>Adding and editing business calendars through their handlers on PostgreSQL. Now is Wednesday 25 November 2026, 10:00 GMT.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CalendarAdministrationTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.ActAsAdministrator();
    }

    public Task DisposeAsync()
    {
        fixture.ActAsAgent();
        return Task.CompletedTask;
    }

    private static AddCalendar.Command Weekdays(string name = "UK office") => new()
    {
        Name = name,
        TimeZoneId = "Europe/London",
        Monday = "09:00-12:30, 13:30-17:00",
        Tuesday = "09:00-17:00",
        Wednesday = "09:00-17:00",
        Thursday = "09:00-17:00",
        Friday = "09:00-17:00",
        Holidays = "2026-12-25 Christmas Day\n2026-12-28 Boxing Day (substitute)",
    };

    /// <summary>The office calendar cut to Monday–Friday 09:00–17:00.</summary>
    private async Task<ChangeCalendar.Result> OfficeHoursNineToFiveAsync(bool applyToOpenCases) =>
        await fixture.SendAsync(new ChangeCalendar.Command
        {
            Id = await fixture.CalendarIdAsync(BusinessCalendar.OfficeName),
            TimeZoneId = "Europe/London",
            Monday = "09:00-17:00",
            Tuesday = "09:00-17:00",
            Wednesday = "09:00-17:00",
            Thursday = "09:00-17:00",
            Friday = "09:00-17:00",
            ApplyToOpenCases = applyToOpenCases,
        });

    [Fact]
    public async Task A_calendar_with_a_lunch_break_around_the_clock_days_and_holidays_is_stored_as_typed()
    {
        var id = await fixture.SendAsync(Weekdays() with { Saturday = "00:00-24:00", Sunday = "00:00-24:00" });

        var calendar = await fixture.SendAsync(new GetCalendar.Query(id));
        Assert.NotNull(calendar);
        Assert.Equal(("UK office", "Europe/London"), (calendar.Name, calendar.TimeZoneId));
        Assert.Equal("09:00-12:30, 13:30-17:00", calendar.Hours[DayOfWeek.Monday]);
        Assert.Equal("00:00-24:00", calendar.Hours[DayOfWeek.Sunday]);
        Assert.Equal("2026-12-25 Christmas Day\n2026-12-28 Boxing Day (substitute)", calendar.Holidays);
        await using var db = fixture.CreateDbContext();
        var built = (await db.Calendars.SingleAsync(c => c.Id == id)).ToBusinessCalendar();
        Assert.False(built.IsWorkingDay(new DateOnly(2026, 12, 25)));
        // Saturday into Sunday has no gap at midnight: an hour of business time from 23:30 ends at 00:30.
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 0, 30, 0, TimeSpan.Zero), built.AddBusinessTime(new DateTimeOffset(2026, 11, 28, 23, 30, 0, TimeSpan.Zero), TimeSpan.FromHours(1)));
        var change = await db.ConfigurationChanges.SingleAsync();
        Assert.Equal(("Calendar UK office", "Added"), (change.Subject, change.Action));
        Assert.Contains("Mon 09:00-12:30, 13:30-17:00", change.After, StringComparison.Ordinal);
    }

    public static TheoryData<string, AddCalendar.Command, string> BadCalendars => new()
    {
        { "no open hours", new AddCalendar.Command { Name = "Never", TimeZoneId = "Europe/London" }, "Monday" },
        { "overlapping", Weekdays() with { Tuesday = "09:00-13:00, 12:00-17:00" }, "Tuesday" },
        { "inverted", Weekdays() with { Wednesday = "17:00-09:00" }, "Wednesday" },
        { "past midnight", Weekdays() with { Thursday = "22:00-25:00" }, "Thursday" },
        { "unknown zone", Weekdays() with { TimeZoneId = "Mars/Olympus_Mons" }, "TimeZoneId" },
        { "Windows zone id", Weekdays() with { TimeZoneId = "GMT Standard Time" }, "TimeZoneId" },
        { "bad holiday", Weekdays() with { Holidays = "25/12/2026 Christmas" }, "Holidays" },
        { "holiday twice", Weekdays() with { Holidays = "2026-12-25 Christmas\n2026-12-25 Christmas again" }, "Holidays" },
        { "taken name", Weekdays("OFFICE"), "Name" },
        { "no name", Weekdays(""), "Name" },
    };

    [Theory]
    [MemberData(nameof(BadCalendars))]
    public async Task A_calendar_that_breaks_a_rule_is_refused_with_the_field_named_and_nothing_is_stored(string what, AddCalendar.Command command, string field)
    {
        Assert.NotEmpty(what);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(command));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(2, await db.Calendars.CountAsync());
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task Intervals_typed_out_of_order_are_kept_in_time_order()
    {
        var id = await fixture.SendAsync(Weekdays() with { Monday = "13:30-17:00, 09:00-12:30" });

        Assert.Equal("09:00-12:30, 13:30-17:00", (await fixture.SendAsync(new GetCalendar.Query(id)))!.Hours[DayOfWeek.Monday]);
    }

    [Fact]
    public async Task New_hours_apply_to_cases_logged_afterwards_while_earlier_cases_keep_their_deadlines()
    {
        var earlier = await fixture.LogAsync();

        var result = await OfficeHoursNineToFiveAsync(applyToOpenCases: false);
        var later = await fixture.LogAsync();

        Assert.Equal(0, result.CasesRecomputed);
        // Three working days after Wednesday: Saturday 21:00 on the old hours, Monday 30th 17:00 on the new.
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.Zero), (await fixture.CaseAsync(earlier)).ResolveDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), (await fixture.CaseAsync(later)).ResolveDue);
    }

    [Fact]
    public async Task Applied_to_open_cases_the_new_hours_recompute_the_cases_counted_on_that_calendar_only()
    {
        var office = await fixture.LogAsync();
        var critical = await fixture.LogAsync(priority: Priority.Critical);
        var criticalBefore = await fixture.CaseAsync(critical);

        var result = await OfficeHoursNineToFiveAsync(applyToOpenCases: true);

        Assert.Equal(1, result.CasesRecomputed);
        var recomputed = await fixture.CaseAsync(office);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), recomputed.ResolveDue);
        Assert.Contains(recomputed.Timeline, e => e.Type == TimelineEventType.DeadlineRecomputed && e.Summary.Contains("Calendar office", StringComparison.Ordinal));
        var untouched = await fixture.CaseAsync(critical);
        Assert.Equal((criticalBefore.ResolveDue, criticalBefore.Timeline.Count), (untouched.ResolveDue, untouched.Timeline.Count));
        await using var db = fixture.CreateDbContext();
        var change = await db.ConfigurationChanges.SingleAsync();
        Assert.Equal((true, 1), (change.AppliedToOpenCases, change.CasesRecomputed));
        Assert.Contains("Mon 09:00-21:00", change.Before, StringComparison.Ordinal);
        Assert.DoesNotContain("Sat", change.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_edit_changes_nothing()
    {
        var id = await fixture.CalendarIdAsync(BusinessCalendar.OfficeName);

        await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new ChangeCalendar.Command { Id = id, TimeZoneId = "Europe/London" }));

        await using var db = fixture.CreateDbContext();
        var office = await db.Calendars.SingleAsync(c => c.Id == id);
        Assert.Equal((1, "Mon 09:00-21:00; Tue 09:00-21:00; Wed 09:00-21:00; Thu 09:00-21:00; Fri 09:00-21:00; Sat 09:00-21:00"), (office.Version, office.WeeklyHours));
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task The_calendars_list_says_how_many_rows_in_force_use_each()
    {
        var calendars = await fixture.SendAsync(new ListCalendars.Query());

        Assert.Equal([("24/7", 1), ("office", 4)], calendars.Select(c => (c.Name, c.RowsInForce)));
    }
}
