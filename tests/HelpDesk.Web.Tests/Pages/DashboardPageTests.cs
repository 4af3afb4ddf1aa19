using System.Net;
using System.Text;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
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

    private async Task<string> LogAsync(string subject, DateTimeOffset receivedAt, Priority priority = Priority.Normal)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var logged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(CaseBuilder.Command(receivedAt, Channel.Phone, general, CaseBuilder.Aisha) with
        {
            Priority = priority,
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

    private async Task<(int Department, string Person)> TechnicalEngineerAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        var technical = await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None);
        var eli = await seeder.EnsureStaffAsync("eli@example.test", "Eli Engineer", "A long password 1", StaffRoles.Agent, technical.Id);
        return (technical.Id, eli.Id);
    }

    private async Task<(int? Department, string? Assignee)> OwnerAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        var owner = await db.Complaints.Where(c => c.Reference == reference).Select(c => new { c.DepartmentId, c.AssigneeId }).SingleAsync();
        return (owner.DepartmentId, owner.AssigneeId);
    }

    [Fact]
    public async Task The_due_soon_panel_lists_a_deadline_inside_the_chosen_window_and_says_when_the_window_is_not_valid()
    {
        // Critical cases run on the 24/7 calendar, acknowledged within 1 elapsed hour: due in about 30 minutes.
        var soon = await LogAsync("Power cut", DateTimeOffset.UtcNow.AddMinutes(-30), Priority.Critical);
        var later = await LogAsync("Later", DateTimeOffset.UtcNow.AddMinutes(-1));
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var page = await client.GetPageAsync("/dashboard?hours=4");
        var invalid = await client.GetPageAsync("/dashboard?hours=0");

        var row = page.QuerySelector($"[data-testid=due-soon-{soon}]");
        Assert.NotNull(row);
        Assert.Matches(@"due in (29|30) min", row.TextContent);
        Assert.Contains("Acknowledge", row.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector($"[data-testid=due-soon-{later}]"));
        Assert.Equal("4", page.QuerySelector("#due-soon-hours option[selected]")!.GetAttribute("value"));
        Assert.Contains("1 case falls due in the next 4 business hours", page.QuerySelector("[data-testid=due-soon-total]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose a window of 1 to 168 business hours", invalid.QuerySelector("#due-soon-hours-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("8", invalid.QuerySelector("#due-soon-hours option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Every_table_downloads_as_csv_with_formula_cells_neutralised()
    {
        var overdue = await LogAsync("=cmd|' /C calc'!A0", DateTimeOffset.UtcNow.AddDays(-30));
        var soon = await LogAsync("@SUM(1+1)", DateTimeOffset.UtcNow.AddMinutes(-30), Priority.Critical);
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);
        var page = await client.GetPageAsync("/dashboard");

        foreach (var link in page.QuerySelectorAll("a.export"))
        {
            using var response = await client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        }

        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri("/dashboard?handler=Export&table=overdue", UriKind.Relative)));
        Assert.StartsWith("\uFEFFReference,Subject,Deadline", csv, StringComparison.Ordinal);
        Assert.Contains($"{overdue},'=cmd|' /C calc'!A0,Acknowledge,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=cmd", csv, StringComparison.Ordinal);
        var dueSoon = Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri("/dashboard?handler=Export&table=due-soon&hours=4", UriKind.Relative)));
        Assert.Contains($"{soon},'@SUM(1+1),Acknowledge,", dueSoon, StringComparison.Ordinal);
        var byType = Encoding.UTF8.GetString(await client.GetByteArrayAsync(new Uri("/dashboard?handler=Export&table=overdue-by-type", UriKind.Relative)));
        Assert.Equal("\uFEFFComplaint type,Overdue cases\r\nGeneral,1\r\n", byType);
        Assert.Equal(5, page.QuerySelectorAll("a.export").Length);
    }

    [Fact]
    public async Task A_supervisor_reassigns_ticked_cases_and_is_told_what_moved_and_a_missing_department_keeps_the_ticks()
    {
        var overdue = await LogAsync("Boiler broken", DateTimeOffset.UtcNow.AddDays(-30));
        var (technical, eli) = await TechnicalEngineerAsync();
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);
        var id = (await client.GetPageAsync("/dashboard")).QuerySelector($"[data-testid=pick-{overdue}]")!.GetAttribute("value")!;

        using var invalid = await client.SubmitAsync("/dashboard?handler=Reassign&hours=8", [new("Reassign.CaseIds", id), new("Reassign.DepartmentId", "")]);
        var again = await invalid.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Choose the department the cases go to.", again.QuerySelector("[data-valmsg-for='Reassign.DepartmentId']")!.TextContent, StringComparison.Ordinal);
        Assert.True(again.QuerySelector($"[data-testid=pick-{overdue}]")!.HasAttribute("checked"));
        Assert.Equal((null, null), await OwnerAsync(overdue));

        using var done = await client.SubmitAsync("/dashboard?handler=Reassign&hours=8", [
            new("Reassign.CaseIds", id),
            new("Reassign.DepartmentId", technical.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Reassign.AssigneeId", eli)]);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal("/dashboard?hours=8", done.Headers.Location?.OriginalString);
        var after = await client.GetPageAsync("/dashboard?hours=8");
        Assert.Equal("1 case reassigned to Eli Engineer (Technical).", after.QuerySelector(".confirmation")!.TextContent.Trim());
        Assert.Equal((technical, eli), await OwnerAsync(overdue));
        Assert.Contains("Eli Engineer", after.QuerySelector($"[data-testid=overdue-{overdue}]")!.TextContent, StringComparison.Ordinal);
    }

    private async Task OwnAsync(string reference, int? department, string? assignee)
    {
        // The counts and the queue read these columns only; setting them directly gives exactly the owners the test needs.
        await using var db = fixture.CreateDbContext();
        await db.Complaints.Where(c => c.Reference == reference)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.DepartmentId, department).SetProperty(c => c.AssigneeId, assignee));
    }

    [Fact]
    public async Task The_no_department_and_unassigned_counts_link_to_the_overdue_queue_listing_exactly_the_cases_counted()
    {
        var nowhere = await LogAsync("Nobody has it", DateTimeOffset.UtcNow.AddDays(-30));
        var technicalOnly = await LogAsync("Technical, nobody named", DateTimeOffset.UtcNow.AddDays(-29));
        var elis = await LogAsync("Eli has it", DateTimeOffset.UtcNow.AddDays(-28));
        var elisWithoutDepartment = await LogAsync("Eli has it, no department", DateTimeOffset.UtcNow.AddDays(-27));
        await LogAsync("Just in, nobody has it", DateTimeOffset.UtcNow.AddMinutes(-1));
        var (technical, eli) = await TechnicalEngineerAsync();
        await OwnAsync(technicalOnly, technical, null);
        await OwnAsync(elis, technical, eli);
        await OwnAsync(elisWithoutDepartment, null, eli);
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var dashboard = await client.GetPageAsync("/dashboard");

        var counted = new Dictionary<string, (string Href, int Cases, string[] References)>();
        foreach (var (table, label, column) in new[] { ("overdue-by-department", "No department", 8), ("overdue-by-assignee", "Unassigned", 9) })
        {
            var row = dashboard.QuerySelectorAll($"[data-testid={table}] tbody tr").Single(r => r.Children[0].TextContent.Trim() == label);
            var link = row.QuerySelector("a")!;
            var references = dashboard.QuerySelectorAll("[data-testid=overdue-cases] tbody tr")
                .Where(r => r.Children[column].TextContent.Trim() is "None" or "Unassigned")
                .Select(r => r.Children[1].TextContent.Trim())
                .ToArray();
            counted[label] = (link.GetAttribute("href")!, int.Parse(row.Children[1].TextContent, System.Globalization.CultureInfo.InvariantCulture), references);
        }

        Assert.Equal(("/cases?queue=overdue&department=none", 2), (counted["No department"].Href, counted["No department"].Cases));
        Assert.Equal([nowhere, elisWithoutDepartment], counted["No department"].References);
        Assert.Equal(("/cases?queue=overdue&assignee=none", 2), (counted["Unassigned"].Href, counted["Unassigned"].Cases));
        Assert.Equal([nowhere, technicalOnly], counted["Unassigned"].References);
        foreach (var (href, cases, references) in counted.Values)
        {
            var queue = await client.GetPageAsync(href);
            var listed = queue.QuerySelectorAll("[data-testid=case-row] a.reference").Select(a => a.TextContent.Trim()).ToArray();
            Assert.Equal(cases, listed.Length);
            Assert.Equal(references, listed);
        }
    }

    [Fact]
    public async Task An_agent_posting_a_bulk_reassign_is_refused_and_nothing_moves()
    {
        var overdue = await LogAsync("Boiler broken", DateTimeOffset.UtcNow.AddDays(-30));
        var (technical, _) = await TechnicalEngineerAsync();
        using var supervisor = fixture.CreateClient();
        await supervisor.SignInAsync(SupervisorEmail, SupervisorPassword);
        var form = await supervisor.GetPageAsync("/dashboard");
        var id = form.QuerySelector($"[data-testid=pick-{overdue}]")!.GetAttribute("value")!;
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var agentToken = (await agent.GetPageAsync("/cases/log")).AntiForgeryToken();

        using var content = new FormUrlEncodedContent([
            new("Reassign.CaseIds", id),
            new("Reassign.DepartmentId", technical.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("__RequestVerificationToken", agentToken)]);
        using var response = await agent.PostAsync(new Uri("/dashboard?handler=Reassign", UriKind.Relative), content);

        Assert.Contains("/account/access-denied", response.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal((null, null), await OwnerAsync(overdue));
    }

    [Fact]
    public async Task The_dashboard_says_no_review_was_recorded_and_links_to_the_reviews()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var page = await client.GetPageAsync("/dashboard");

        Assert.Equal("No weekly review recorded yet", page.QuerySelector("[data-testid=latest-review-weekly]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("a[href='/dashboard/reviews']"));
    }
}
