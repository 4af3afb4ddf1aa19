using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The supervisor's dashboard: who may see it, an overdue case's row, and the empty state.</summary>
[Collection(WebCollection.Name)]
public sealed class DashboardPageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string SupervisorEmail = "supervisor@example.test";
    private const string SupervisorPassword = "supervisor password 2026";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(SupervisorEmail, "Sam Supervisor", SupervisorPassword, StaffRoles.Supervisor);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> LogAsync(string subject, DateTimeOffset receivedAt)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var logged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new LogComplaint.Command
        {
            ReceivedAt = receivedAt,
            Channel = Channel.Phone,
            Kind = CaseKind.Complaint,
            ComplaintTypeId = general,
            Priority = Priority.Normal,
            CustomerName = "Aisha Khan",
            CustomerEmail = "aisha@example.com",
            Subject = subject,
            Description = "The boiler stopped.",
        });
        return logged.Reference;
    }

    [Fact]
    public async Task An_agent_is_refused_the_dashboard_and_not_offered_the_link()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        var home = await client.GetPageAsync("/cases");

        Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Null(home.QuerySelector("nav a[href='/dashboard']"));
    }

    [Fact]
    public async Task A_supervisor_sees_a_case_past_its_deadline_linked_to_its_page()
    {
        // Received weeks ago and never acknowledged: its acknowledgement deadline has long passed.
        var overdue = await LogAsync("Boiler broken", DateTimeOffset.UtcNow.AddDays(-30));
        var onTime = await LogAsync("Just in", DateTimeOffset.UtcNow.AddMinutes(-1));
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var page = await client.GetPageAsync("/dashboard");

        var row = page.QuerySelector($"[data-testid=overdue-{overdue}]");
        Assert.NotNull(row);
        Assert.Equal($"/cases/{overdue}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Acknowledge", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("overdue by", row.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"[data-testid=overdue-{onTime}]"));
        Assert.Contains("1 case is past a deadline", page.QuerySelector("[data-testid=overdue-total]")!.TextContent, StringComparison.Ordinal);
        var typeLink = page.QuerySelector("[data-testid=overdue-by-type] a")!;
        Assert.StartsWith("/cases?queue=overdue&type=", typeLink.GetAttribute("href"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("nav a[href='/dashboard']"));
    }

    [Fact]
    public async Task The_dashboard_says_when_nothing_is_overdue()
    {
        await LogAsync("Just in", DateTimeOffset.UtcNow.AddMinutes(-1));
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var page = await client.GetPageAsync("/dashboard");

        Assert.Contains("Nothing is overdue", page.QuerySelector("[data-testid=overdue-empty]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=overdue-cases]"));
    }
}
