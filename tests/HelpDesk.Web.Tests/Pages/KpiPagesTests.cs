using System.Globalization;
using System.Net;
using System.Text.Json;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Reporting;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The KPI and agent pages, their CSV downloads, and the KPI targets page, over HTTP on the real host.</summary>
[Collection(WebCollection.Name)]
public sealed class KpiPagesTests(WebFixture fixture) : IAsyncLifetime
{
    private const string SupervisorEmail = "supervisor@example.test";
    private const string SupervisorPassword = "supervisor password 2026";
    private const string FormulaType = "=SUM(1+1)";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(SupervisorEmail, "Sam Supervisor", SupervisorPassword, StaffRoles.Supervisor);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A case received a minute ago (this month), of a complaint type whose name a spreadsheet would run as a formula.</summary>
    private async Task<string> LogWithFormulaTypeAsync()
    {
        await using (var db = fixture.CreateDbContext())
        {
            db.ComplaintTypes.Add(new ComplaintType(FormulaType));
            await db.SaveChangesAsync();
        }

        await using var read = fixture.CreateDbContext();
        return await LogAsync(await read.ComplaintTypes.Where(t => t.Name == FormulaType).Select(t => t.Id).SingleAsync());
    }

    /// <summary>A case of <paramref name="type"/> received a minute ago.</summary>
    private async Task<string> LogAsync(int type)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var logged = await scope.ServiceProvider.GetRequiredService<ISender>().Send(CaseBuilder.Command(DateTimeOffset.UtcNow.AddMinutes(-1), Channel.Email, type, CaseBuilder.Aisha));
        return logged.Reference;
    }

    [Fact]
    public async Task A_supervisor_sees_each_kpi_against_its_target_in_words_with_the_trend_as_a_table_and_chart_data()
    {
        await LogWithFormulaTypeAsync();
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var page = await client.GetPageAsync("/dashboard/kpis");

        // One case this month, not yet acknowledged and not yet due: compliance has nothing decided yet.
        var fcr = page.QuerySelector("[data-testid=kpi-FirstContactResolution]")!;
        Assert.Contains("Target: at least 85%", fcr.TextContent, StringComparison.Ordinal);
        Assert.Contains("No data", fcr.QuerySelector(".kpi-verdict")!.TextContent, StringComparison.Ordinal);
        var volume = page.QuerySelector("[data-testid=kpi-ComplaintVolumeChange]")!;
        Assert.Contains("Target: at most -10%", volume.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=kpis-empty]"));
        Assert.Contains(FormulaType, page.QuerySelector("[data-testid=kpi-by-type]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("this-month", page.QuerySelector("#period option[selected]")!.GetAttribute("value"));

        // The charts' figures are a JSON data block (not run as script, so allowed under the CSP) read by a served file.
        var data = JsonDocument.Parse(page.QuerySelector("script#kpi-chart-data[type='application/json']")!.TextContent);
        Assert.Equal(3, data.RootElement.GetProperty("charts").GetArrayLength());
        Assert.Equal(
            page.QuerySelectorAll("[data-testid=kpi-trend] tbody tr").Length,
            data.RootElement.GetProperty("labels").GetArrayLength());
        Assert.NotNull(page.QuerySelector("script[src^='/lib/chart.js/chart.umd.min.js']"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/kpi-charts.js']"));
        Assert.Empty(page.QuerySelectorAll("script:not([src]):not([type='application/json'])"));
        // Nothing decided, answered or timed yet: those charts say so instead of drawing axes over nothing.
        Assert.Equal("No data", page.QuerySelector("[data-testid=chart-compliance-empty]")?.TextContent);
        Assert.Equal("No data", page.QuerySelector("[data-testid=chart-times-empty]")?.TextContent);
        Assert.Null(page.QuerySelector("canvas#chart-compliance"));
        Assert.NotNull(page.QuerySelector("canvas#chart-volume"));
        using var chartJs = await client.GetAsync(new Uri("/lib/chart.js/chart.umd.min.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, chartJs.StatusCode);
        Assert.Equal("text/javascript", chartJs.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_period_without_cases_says_there_is_no_data()
    {
        await LogWithFormulaTypeAsync();
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var page = await client.GetPageAsync("/dashboard/kpis?period=custom&from=2020-01-01&to=2020-01-31");

        Assert.NotNull(page.QuerySelector("[data-testid=kpis-empty]"));
        Assert.All(page.QuerySelectorAll(".kpi-value"), v => Assert.Equal("No data", v.TextContent.Trim()));
        Assert.Equal("2020-01-31", page.QuerySelector("#to")!.GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll(".kpi-charts canvas"));
        Assert.Equal(3, page.QuerySelectorAll(".kpi-charts .empty-state").Length);
    }

    /// <summary>The query's own refusal (a period longer than it allows) goes through FailedRequestFilter: the page with the message, a download 400.</summary>
    [Theory]
    [InlineData("/dashboard/kpis", "/dashboard/kpis?handler=Csv&table=kpis")]
    [InlineData("/dashboard/agents", "/dashboard/agents?handler=Csv")]
    public async Task A_period_longer_than_the_report_allows_is_explained_beside_the_field_and_its_download_refused(string page, string download)
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);
        const string tooLong = "period=custom&from=2015-01-01&to=2026-01-01";

        var shown = await client.GetPageAsync($"{page}?{tooLong}");
        var csv = await client.GetAsync(new Uri($"{download}&{tooLong}", UriKind.Relative));

        Assert.Contains("Choose a period of at most", shown.QuerySelector("#to-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
    }

    [Fact]
    public async Task Custom_dates_that_end_before_they_start_are_explained_beside_the_field()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var page = await client.GetPageAsync("/dashboard/kpis?period=custom&from=2026-03-01&to=2026-01-01");

        Assert.Contains("The end of the period must be after its start.", page.QuerySelector("#to-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=kpi-cards]"));
    }

    [Fact]
    public async Task Each_table_downloads_as_csv_with_formula_cells_neutralised()
    {
        await LogWithFormulaTypeAsync();
        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);
        var page = await client.GetPageAsync("/dashboard/kpis");
        var links = page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(4, links.Count);

        var types = links.Single(l => l.Contains("table=types", StringComparison.Ordinal));
        using var response = await client.GetAsync(new Uri(WebUtility.HtmlDecode(types), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("-by-type.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("Complaint type,Cases", csv, StringComparison.Ordinal);
        Assert.Contains("'=SUM(1+1),1", csv, StringComparison.Ordinal);

        var kpis = await client.GetStringAsync(new Uri(WebUtility.HtmlDecode(links.Single(l => l.Contains("table=kpis", StringComparison.Ordinal))), UriKind.Relative));
        Assert.Contains("First contact resolution,,%,85,at or above,No data", kpis, StringComparison.Ordinal);
        // A negative target stays a number, not neutralised text.
        Assert.Contains("\"Complaint volume, change on a year before\",", kpis, StringComparison.Ordinal);
        Assert.Contains(",-10,at or below,", kpis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_performance_is_for_supervisors_and_lists_who_resolved_what()
    {
        var reference = await LogWithFormulaTypeAsync();
        await using (var db = fixture.CreateDbContext())
        {
            var supervisor = await db.Users.Where(u => u.Email == SupervisorEmail).Select(u => u.Id).SingleAsync();
            await ResolvedByAsync(db, reference, supervisor, DateTimeOffset.UtcNow, met: true);
        }

        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        using var refused = await agent.GetAsync(new Uri("/dashboard/agents", UriKind.Relative));
        Assert.Contains("/account/access-denied", refused.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);

        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);
        var page = await client.GetPageAsync("/dashboard/agents");
        var row = page.QuerySelector("[data-testid=agents] tbody tr")!;
        Assert.Contains("Sam Supervisor", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("100%", row.TextContent, StringComparison.Ordinal);

        using var csv = await client.GetAsync(new Uri(WebUtility.HtmlDecode(page.QuerySelector("a[download]")!.GetAttribute("href")!), UriKind.Relative));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sam Supervisor,,1,1,100,0,0,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var empty = await client.GetPageAsync("/dashboard/agents?period=custom&from=2020-01-01&to=2020-01-31");
        Assert.NotNull(empty.QuerySelector("[data-testid=agents-empty]"));
    }

    [Fact]
    public async Task A_rounded_percentage_never_shows_a_target_met_on_the_pages_or_in_the_downloads()
    {
        // Three cases this month, two acknowledged and resolved in time, one late: 66.67 % each, against a 66.7 % target.
        var references = new List<string> { await LogWithFormulaTypeAsync() };
        await using (var db = fixture.CreateDbContext())
        {
            var type = await db.ComplaintTypes.Where(t => t.Name == FormulaType).Select(t => t.Id).SingleAsync();
            references.Add(await LogAsync(type));
            references.Add(await LogAsync(type));
            var supervisor = await db.Users.Where(u => u.Email == SupervisorEmail).Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            foreach (var (reference, late) in references.Select((r, i) => (r, i == 2)))
            {
                await db.Complaints.Where(c => c.Reference == reference).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.AcknowledgeDue, late ? now.AddSeconds(-30) : now.AddHours(1))
                    .SetProperty(c => c.AcknowledgedAt, now));
                await ResolvedByAsync(db, reference, supervisor, now, met: !late);
            }

            await db.KpiTargets.Where(t => t.Measure == KpiMeasure.AcknowledgementCompliance).ExecuteUpdateAsync(u => u.SetProperty(t => t.Target, 66.7m));
        }

        using var client = fixture.CreateClient();
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);

        var kpis = await client.GetPageAsync("/dashboard/kpis");
        var acknowledged = kpis.QuerySelector("[data-testid=kpi-AcknowledgementCompliance]")!;
        Assert.Equal("66.6%", acknowledged.QuerySelector(".kpi-value")!.TextContent.Trim());
        Assert.Equal("Missed", acknowledged.QuerySelector(".kpi-verdict")!.TextContent.Trim());
        using (var csv = await client.GetAsync(new Uri(WebUtility.HtmlDecode(kpis.QuerySelector("a[download]")!.GetAttribute("href")!), UriKind.Relative)))
        {
            Assert.Contains("Acknowledgement compliance,66.6,%,66.7,at or above,Missed,", await csv.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var agents = await client.GetPageAsync("/dashboard/agents");
        Assert.Contains("66.6%", agents.QuerySelector("[data-testid=agents] tbody tr")!.TextContent, StringComparison.Ordinal);
        using (var csv = await client.GetAsync(new Uri(WebUtility.HtmlDecode(agents.QuerySelector("a[download]")!.GetAttribute("href")!), UriKind.Relative)))
        {
            Assert.Contains("Sam Supervisor,,3,2,66.6,0,0,", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>The case resolved, as the case page records it: the case's columns and its resolution by <paramref name="staffId"/>.</summary>
    private static async Task ResolvedByAsync(Application.Persistence.HelpDeskDbContext db, string reference, string staffId, DateTimeOffset at, bool met)
    {
        await db.Complaints.Where(c => c.Reference == reference).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.AssigneeId, staffId)
            .SetProperty(c => c.ResolvedAt, at)
            .SetProperty(c => c.ResolveDue, met ? at.AddDays(1) : at.AddSeconds(-1))
            .SetProperty(c => c.Status, CaseStatus.Resolved));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO case_resolutions (complaint_id, resolved_by_id, resolved_at, department_id, met_deadline, at_first_contact)
            SELECT id, {staffId}, {at}, department_id, {met}, false FROM complaints WHERE reference = {reference}
            """);
    }

    [Fact]
    public async Task An_administrator_edits_a_target_and_a_wrong_one_is_explained_beside_its_field_as_typed()
    {
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var wrong = await admin.SubmitAsync("/admin/kpi-targets", [new("measure", "CustomerSatisfaction"), new("target", "150")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var form = await wrong.ReadDocumentAsync();
        Assert.Equal("150", form.QuerySelector("#target-CustomerSatisfaction")!.GetAttribute("value"));
        Assert.Contains("between 0 and 100", form.QuerySelector("#target-CustomerSatisfaction-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", form.QuerySelector("#target-CustomerSatisfaction")!.GetAttribute("aria-invalid"));

        var notANumber = await (await admin.SubmitAsync("/admin/kpi-targets", [new("measure", "CustomerSatisfaction"), new("target", "lots")])).ReadDocumentAsync();
        Assert.Contains("as a number", notANumber.QuerySelector("#target-CustomerSatisfaction-error")!.TextContent, StringComparison.Ordinal);

        var saved = await admin.SubmitAsync("/admin/kpi-targets", [new("measure", "CustomerSatisfaction"), new("target", "90")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetPageAsync("/admin/kpi-targets");
        Assert.Contains("target saved as 90 %", page.QuerySelector(".confirmation")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal("90", page.QuerySelector("#target-CustomerSatisfaction")!.GetAttribute("value"));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{2}"), page.QuerySelector("#target-OnlineResponseTime")!.GetAttribute("value"));
    }
}
