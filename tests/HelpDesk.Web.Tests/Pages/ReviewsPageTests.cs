using System.Globalization;
using System.Net;
using System.Text;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Reviews;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>/dashboard/reviews: the last complete week by default, its complaints and CSV, recording a review, and what the dashboard then says.</summary>
[Collection(WebCollection.Name)]
public sealed class ReviewsPageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string SupervisorEmail = "supervisor@example.test";
    private const string SupervisorPassword = "supervisor password 2026";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(SupervisorEmail, "Sam Supervisor", SupervisorPassword, StaffRoles.Supervisor);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static ReviewPeriod LastWeek => ReviewPeriod.LastCompleteBefore(ReviewPeriodKind.Weekly, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).DateTime));

    private async Task<string> LogAsync(string subject, DateTimeOffset receivedAt)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(CaseBuilder.Command(receivedAt, Channel.Phone, general, CaseBuilder.Aisha) with
        {
            Subject = subject,
            Description = "The boiler stopped.",
        })).Reference;
    }

    [Fact]
    public async Task The_last_complete_week_lists_its_complaints_and_downloads_them_neutralised()
    {
        var week = LastWeek;
        var inWeek = await LogAsync("=cmd|' /C calc'!A0", week.StartsAt(London).AddDays(2).AddHours(12));
        var thisWeek = await LogAsync("This week", week.EndsAt(London).AddMinutes(1));
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var page = await client.GetPageAsync("/dashboard/reviews");
        using var csv = await client.GetAsync(new Uri($"/dashboard/reviews?handler=Export&kind=Weekly&date={week.First:yyyy-MM-dd}", UriKind.Relative));

        Assert.Contains(week.Describe(), page.QuerySelector("[data-testid=review-period]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"[data-testid=review-{inWeek}]"));
        Assert.Null(page.QuerySelector($"[data-testid=review-{thisWeek}]"));
        Assert.Equal("1", page.QuerySelector("[data-testid=total-received]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.Contains($"{inWeek},", text, StringComparison.Ordinal);
        Assert.Contains(",'=cmd|' /C calc'!A0,General,", text, StringComparison.Ordinal);
        Assert.DoesNotContain(thisWeek, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recording_a_review_needs_notes_then_shows_on_the_page_and_the_dashboard()
    {
        var week = LastWeek;
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);
        var fields = new List<KeyValuePair<string, string>> { new("Record.Kind", "Weekly"), new("Record.Date", week.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) };

        using var empty = await client.SubmitAsync("/dashboard/reviews?handler=Record", [.. fields, new("Record.Notes", "")]);
        var refused = await empty.ReadDocumentAsync();
        using var recorded = await client.SubmitAsync("/dashboard/reviews?handler=Record", [.. fields, new("Record.Notes", "Two late acknowledgements.")]);

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Write what the review found", refused.QuerySelector("[data-valmsg-for='Record.Notes']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var page = await client.GetPageAsync(recorded.Headers.Location!.OriginalString);
        Assert.Equal($"Review of the {week.Describe()} recorded.", page.QuerySelector(".confirmation")!.TextContent.Trim());
        Assert.Contains("Two late acknowledgements.", page.QuerySelector("[data-testid=reviews-of-period]")!.TextContent, StringComparison.Ordinal);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var dashboard = await client.GetPageAsync("/dashboard");
        Assert.StartsWith($"Last weekly review: {today} by Sam Supervisor", dashboard.QuerySelector("[data-testid=latest-review-weekly]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_current_week_cannot_be_recorded_yet_a_mistyped_year_is_said_and_an_agent_is_refused_the_page()
    {
        using var supervisor = fixture.CreateClient();
        await supervisor.SignInAsync(SupervisorEmail, SupervisorPassword);
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).DateTime);

        var current = await supervisor.GetPageAsync($"/dashboard/reviews?kind=Weekly&date={today:yyyy-MM-dd}");
        using var refused = await agent.GetAsync(new Uri("/dashboard/reviews", UriKind.Relative));
        var typo = await supervisor.GetPageAsync("/dashboard/reviews?kind=Weekly&date=0202-11-18");

        Assert.NotNull(current.QuerySelector("[data-testid=review-not-ended]"));
        Assert.Null(current.QuerySelector("[data-testid=record-review]"));
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Choose a date between 2000 and 2399.", typo.QuerySelector("#review-date-error")!.TextContent.Trim());
        Assert.Contains(LastWeek.Describe(), typo.QuerySelector("[data-testid=review-period]")!.TextContent, StringComparison.Ordinal);
    }
}
