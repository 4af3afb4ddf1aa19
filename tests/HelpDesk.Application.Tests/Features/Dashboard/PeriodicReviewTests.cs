using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Domain.Reviews;

namespace HelpDesk.Application.Tests.Features.Dashboard;

/// <summary>Periodic review on real PostgreSQL: period boundaries at local midnight in London, the period's complaints, and recording.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class PeriodicReviewTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public async Task InitializeAsync() => await fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        fixture.CurrentUser.Actor = new("test-agent-id", "Alex Agent");
        return Task.CompletedTask;
    }

    [Fact]
    public void Periods_run_from_local_midnight_weeks_from_monday_and_a_clock_change_day_is_25_hours()
    {
        var wednesday = new DateOnly(2026, 11, 25);

        Assert.Equal(new ReviewPeriod(ReviewPeriodKind.Weekly, new(2026, 11, 23), new(2026, 11, 29)), ReviewPeriod.Containing(ReviewPeriodKind.Weekly, wednesday));
        Assert.Equal(new ReviewPeriod(ReviewPeriodKind.Weekly, new(2026, 11, 16), new(2026, 11, 22)), ReviewPeriod.LastCompleteBefore(ReviewPeriodKind.Weekly, wednesday));
        Assert.Equal(new ReviewPeriod(ReviewPeriodKind.Daily, new(2026, 11, 24), new(2026, 11, 24)), ReviewPeriod.LastCompleteBefore(ReviewPeriodKind.Daily, wednesday));
        Assert.Equal(new ReviewPeriod(ReviewPeriodKind.Monthly, new(2026, 10, 1), new(2026, 10, 31)), ReviewPeriod.LastCompleteBefore(ReviewPeriodKind.Monthly, wednesday));
        Assert.Equal(new ReviewPeriod(ReviewPeriodKind.Weekly, new(2026, 11, 23), new(2026, 11, 29)), ReviewPeriod.Containing(ReviewPeriodKind.Weekly, new DateOnly(2026, 11, 29)));

        var october = ReviewPeriod.Containing(ReviewPeriodKind.Monthly, new DateOnly(2026, 10, 14));
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 23, 0, 0, TimeSpan.Zero), october.StartsAt(London));
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), october.EndsAt(London));
        var clocksGoBack = ReviewPeriod.Containing(ReviewPeriodKind.Daily, new DateOnly(2026, 10, 25));
        Assert.Equal(TimeSpan.FromHours(25), clocksGoBack.EndsAt(London) - clocksGoBack.StartsAt(London));
    }

    [Fact]
    public async Task A_month_lists_the_complaints_received_between_its_local_midnights_with_their_deadlines()
    {
        var data = new DashboardTestData(fixture);
        var beforeStart = await data.LogAsync("23:30 on 30 September in London", new DateTimeOffset(2026, 9, 30, 22, 30, 0, TimeSpan.Zero));
        var firstMinutes = await data.LogAsync("00:30 on 1 October in London", new DateTimeOffset(2026, 9, 30, 23, 30, 0, TimeSpan.Zero));
        var lastMinutes = await data.LogAsync("23:30 on 31 October in London", new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero));
        var afterEnd = await data.LogAsync("midnight on 1 November", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await data.ResolveAsync(firstMinutes.Reference);
        var closedWithoutFollowUp = await data.LogAsync("closed without a follow-up", new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
        await data.ResolveAsync(closedWithoutFollowUp.Reference);
        await data.CloseAsync(closedWithoutFollowUp.Reference);

        var review = await fixture.SendAsync(new GetPeriodReview.Query(ReviewPeriodKind.Monthly, new DateOnly(2026, 10, 9)));

        Assert.Equal([firstMinutes.Reference, closedWithoutFollowUp.Reference, lastMinutes.Reference], review.Rows.Select(r => r.Reference));
        Assert.DoesNotContain(review.Rows, r => r.Reference == beforeStart.Reference || r.Reference == afterEnd.Reference);
        Assert.True(review.HasEnded);
        var resolvedLate = review.Rows[0];
        Assert.Equal(GetPeriodReview.Outcome.Missed, resolvedLate.Acknowledgement);
        Assert.Equal(GetPeriodReview.Outcome.Missed, resolvedLate.Resolution);
        Assert.Equal(GetPeriodReview.Outcome.Missed, review.Rows[1].FollowUp);
        Assert.Equal(GetPeriodReview.Outcome.Overdue, review.Rows[2].Acknowledgement);
        Assert.Equal(new GetPeriodReview.Totals(3, 2, 0, 3, 0, 3, 0, 1), review.Totals);
    }

    [Fact]
    public async Task A_supervisor_records_a_review_who_and_when_from_the_session_and_may_review_the_period_again()
    {
        fixture.CurrentUser.Supervises = true;
        fixture.CurrentUser.Actor = new("sam-id", "Sam Supervisor");

        var first = await fixture.SendAsync(new RecordPeriodicReview.Command(ReviewPeriodKind.Weekly, new DateOnly(2026, 11, 18), "Two late acknowledgements; spoken to the team."));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await fixture.SendAsync(new RecordPeriodicReview.Command(ReviewPeriodKind.Weekly, new DateOnly(2026, 11, 20), "Second look after corrections."));

        Assert.Equal(new ReviewPeriod(ReviewPeriodKind.Weekly, new(2026, 11, 16), new(2026, 11, 22)), first.Period);
        Assert.Equal(ApplicationFixture.Now, first.ReviewedAt);
        var latest = await fixture.SendAsync(new ListLatestReviews.Query());
        var weekly = latest.Single(l => l.Kind == ReviewPeriodKind.Weekly);
        Assert.Equal("Sam Supervisor", weekly.ReviewedBy);
        Assert.Equal(ApplicationFixture.Now.AddHours(1), weekly.ReviewedAt);
        Assert.Null(latest.Single(l => l.Kind == ReviewPeriodKind.Daily).ReviewedAt);
        var page = await fixture.SendAsync(new GetPeriodReview.Query(ReviewPeriodKind.Weekly, new DateOnly(2026, 11, 17)));
        Assert.Equal(["Second look after corrections.", "Two late acknowledgements; spoken to the team."], page.ReviewsOfPeriod.Select(r => r.Notes));
    }

    [Fact]
    public async Task A_review_without_notes_of_a_period_still_running_or_by_an_agent_is_refused()
    {
        fixture.CurrentUser.Supervises = true;
        var noNotes = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new RecordPeriodicReview.Command(ReviewPeriodKind.Weekly, new DateOnly(2026, 11, 18), " ")));
        var running = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new RecordPeriodicReview.Command(ReviewPeriodKind.Weekly, new DateOnly(2026, 11, 25), "Early.")));
        fixture.CurrentUser.Supervises = false;
        await Assert.ThrowsAsync<RequestNotPermittedException>(() => fixture.SendAsync(new RecordPeriodicReview.Command(ReviewPeriodKind.Weekly, new DateOnly(2026, 11, 18), "Fine.")));

        Assert.Equal(nameof(RecordPeriodicReview.Command.Notes), Assert.Single(noNotes.Errors).PropertyName);
        Assert.Contains("has not ended yet", Assert.Single(running.Errors).ErrorMessage, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Empty(db.PeriodicReviews);
    }
}
