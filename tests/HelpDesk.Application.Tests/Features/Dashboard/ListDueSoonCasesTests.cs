using FluentValidation;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Dashboard;

/// <summary>
/// "Due soon" on real PostgreSQL with the seeded SLA table: Billing issues are acknowledged within 24
/// elapsed hours and resolved within 3 working days on the office calendar (Monday to Saturday,
/// 09:00–21:00 London); Critical cases run on the 24/7 calendar (1 and 6 elapsed hours).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ListDueSoonCasesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    /// <summary>Tuesday 24 November 2026, 20:30 in London (GMT): half an hour before the office closes.</summary>
    private static readonly DateTimeOffset Evening = new(2026, 11, 24, 20, 30, 0, TimeSpan.Zero);

    private int _billing;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        _billing = (await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        // The agent the test acts as works in Billing, where its cases are referred (an agent acts on their own department's cases).
        fixture.CurrentUser.DepartmentId = _billing;
        fixture.Clock.AdjustTime(Evening);
    }

    public Task DisposeAsync()
    {
        fixture.Clock.AdjustTime(ApplicationFixture.Now);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Deadlines_are_counted_in_each_cases_own_business_hours_soonest_first_and_paused_clocks_are_left_out()
    {
        var data = new DashboardTestData(fixture);
        var friday = new DateTimeOffset(2026, 11, 20, 10, 30, 0, TimeSpan.Zero);

        // Resolution due at close of business tonight (3 working days after Friday: Sat, Mon, Tue): 30 minutes.
        var closingTonight = await data.LogAsync("resolution due tonight", friday);
        await data.AcknowledgeAsync(closingTonight.Reference, _billing);
        // The same, but waiting on the customer: the resolution clock is paused and nothing else runs.
        var paused = await data.LogAsync("paused", friday);
        await data.AcknowledgeAsync(paused.Reference, _billing);
        await data.WaitOnCustomerAsync(paused.Reference);
        // Acknowledgement due 10:30 tomorrow: 14 clock hours away, but only 2 business hours (20:30–21:00, 09:00–10:30).
        var overnight = await data.LogAsync("two business hours across the night", Evening.AddHours(-10));
        // Acknowledgement due 14:30 tomorrow: 6 business hours.
        var sixHours = await data.LogAsync("six business hours", Evening.AddHours(-6));
        // 24/7 calendar: acknowledged now, so the resolution (6 elapsed hours) is due at 02:30, 6 hours of its own calendar,
        // though well inside the 4-business-hour bound of the office calendar (12:30 tomorrow).
        var critical = await data.LogAsync("critical overnight", Evening, type: "General", priority: Priority.Critical);
        await data.AcknowledgeAsync(critical.Reference, _billing);

        var four = await fixture.SendAsync(new ListDueSoonCases.Query(4));
        var eight = await fixture.SendAsync(new ListDueSoonCases.Query(8));

        Assert.Equal([closingTonight.Reference, overnight.Reference], four.Rows.Select(r => r.Reference));
        Assert.Equal(2, four.Total);
        Assert.False(four.AtLeast);
        Assert.Equal(["Resolve", "Acknowledge"], four.Rows.Select(r => r.Deadline));
        Assert.Equal(["due in 30 min", "due in 2 business hours"], four.Rows.Select(r => r.DueInWords));
        Assert.Equal(TimeSpan.FromHours(14), four.Rows[1].Due - Evening);
        Assert.Equal(TimeSpan.FromHours(2), four.Rows[1].DueIn);

        Assert.Equal([closingTonight.Reference, critical.Reference, overnight.Reference, sixHours.Reference], eight.Rows.Select(r => r.Reference));
        Assert.Equal("24/7", eight.Rows[1].CalendarName);
        Assert.Equal("due in 6 business hours", eight.Rows[1].DueInWords);
        Assert.DoesNotContain(eight.Rows, r => r.Reference == paused.Reference);
    }

    [Fact]
    public async Task A_case_already_overdue_is_not_due_soon()
    {
        var data = new DashboardTestData(fixture);
        var late = await data.LogAsync("already late", Evening.AddDays(-2));

        var panel = await fixture.SendAsync(new ListDueSoonCases.Query(24));

        Assert.DoesNotContain(panel.Rows, r => r.Reference == late.Reference);
        Assert.Contains(late.Reference, (await fixture.SendAsync(new ListOverdueCases.Query())).Rows.Select(r => r.Reference));
    }

    [Fact]
    public void The_latest_instant_within_the_window_is_the_next_opening_after_the_business_time_runs_out()
    {
        var office = BusinessCalendar.Office();

        // 4 business hours from 20:30 Tuesday run out at 12:30 Wednesday, while open.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 30, 0, TimeSpan.Zero), ListDueSoonCases.LatestDueWithin(office, Evening, TimeSpan.FromHours(4)));
        // 30 minutes run out at 21:00 closing; a deadline in the closed night still has 30 minutes to go, up to 09:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), ListDueSoonCases.LatestDueWithin(office, Evening, TimeSpan.FromMinutes(30)));
        Assert.Equal(Evening.AddHours(4), ListDueSoonCases.LatestDueWithin(BusinessCalendar.AroundTheClock(), Evening, TimeSpan.FromHours(4)));
        Assert.Equal("due in 3 business hours 20 min", ListDueSoonCases.DescribeDueIn(new TimeSpan(3, 20, 0)));
        Assert.Equal("due in 1 business hour", ListDueSoonCases.DescribeDueIn(TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task A_window_outside_one_to_a_week_of_business_hours_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ListDueSoonCases.Query(0)));

        Assert.Contains("business hours", refused.Errors.Single().ErrorMessage, StringComparison.Ordinal);
    }
}
