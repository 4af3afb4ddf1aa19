using System.Globalization;
using System.Text.Json;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// A supervisor reads the KPI trend charts in Chromium: Chart.js really draws each chart from the page's
/// data block, with the same figures as the table screen readers get, under the strict
/// Content-Security-Policy; the period is changed with the keyboard alone and the charts follow; a
/// period without cases says "No data" instead of drawing empty charts.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class KpiChartsJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string SupervisorEmail = "sam@example.test";
    private const string Password = "A long password 1";

    // Which column of the trend table holds each charted series, so the chart and the table can be compared.
    private static readonly Dictionary<string, string> ColumnOfSeries = new(StringComparer.Ordinal)
    {
        ["Acknowledgement compliance %"] = "Ack. compliance",
        ["Resolution compliance %"] = "Resolution compliance",
        ["First contact resolution %"] = "FCR",
        ["CSAT %"] = "CSAT",
        ["Average response, online channels (business hours)"] = "Online response (h)",
        ["Average time to acknowledge (business hours)"] = "Time to acknowledge (h)",
        ["Cases received"] = "Cases",
        ["Complaints received"] = "Complaints",
    };

    // Ten whole weeks back, so every deadline of the seeded cases is long decided.
    private readonly DateOnly _firstMonday = MondayOf(DateOnly.FromDateTime(DateTime.UtcNow)).AddDays(-70);

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Week(DateOnly monday) => "w/c " + monday.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(SupervisorEmail, "Sam Supervisor", Password, StaffRoles.Supervisor);
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Application.Persistence.HelpDeskDbContext>();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        async Task LogAsync(DateOnly day, Channel channel, CaseKind kind, int? acknowledgedAfterHours)
        {
            var receivedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            var reference = (await sender.Send(CaseBuilder.Command(receivedAt, channel, general, new CaseBuilder.Customer("Ola Nowak", "ola@example.com")) with
            {
                Kind = kind,
                Subject = "Meter read twice",
                Description = "Two bills for one month.",
            })).Reference;
            if (acknowledgedAfterHours is { } hours)
            {
                // Acknowledged back then, inside open hours; the handler would acknowledge now, weeks late.
                await db.Complaints.Where(c => c.Reference == reference).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.AcknowledgedAt, receivedAt.AddHours(hours))
                    .SetProperty(c => c.AcknowledgedInBusinessMinutes, hours * 60)
                    .SetProperty(c => c.Status, CaseStatus.Acknowledged));
            }
        }

        // The first period, four weeks: two complaints in its first week (one acknowledged in two hours,
        // one never), a question in its third.
        await LogAsync(_firstMonday, Channel.Email, CaseKind.Complaint, 2);
        await LogAsync(_firstMonday.AddDays(1), Channel.Phone, CaseKind.Complaint, null);
        await LogAsync(_firstMonday.AddDays(16), Channel.WebForm, CaseKind.Question, 1);

        // The second period, the three weeks after: three complaints in its second week.
        await LogAsync(_firstMonday.AddDays(35), Channel.Email, CaseKind.Complaint, 3);
        await LogAsync(_firstMonday.AddDays(36), Channel.LiveChat, CaseKind.Complaint, 1);
        await LogAsync(_firstMonday.AddDays(37), Channel.PostalMail, CaseKind.Complaint, null);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_supervisor_reads_the_trend_charts_changes_the_period_by_keyboard_and_an_empty_period_says_no_data()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        // A binding and an init script are the browser's own, not the page's, so the CSP does not stop them reporting.
        await page.ExposeFunctionAsync("reportPolicyViolation", (string violation) => problems.Add("CSP: " + violation));
        await page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => window.reportPolicyViolation(e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));");

        var first = (From: _firstMonday, To: _firstMonday.AddDays(27));
        await page.GotoAsync($"/dashboard/kpis?period=custom&from={Iso(first.From)}&to={Iso(first.To)}");
        await page.GetByLabel("Email").FillAsync(SupervisorEmail);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "KPIs", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("#from")).ToHaveValueAsync(Iso(first.From));

        var charts = await ChartsDrawnAsync(page);
        Assert.Equal([Week(first.From), Week(first.From.AddDays(7)), Week(first.From.AddDays(14)), Week(first.From.AddDays(21))], charts[0].Labels);
        Assert.Equal([2m, 0m, 1m, 0m], Series(charts, "chart-volume", "Cases received"));
        Assert.Equal([2m, 0m, 0m, 0m], Series(charts, "chart-volume", "Complaints received"));
        // One of the first week's two acknowledgements was in time; nothing was received in the second week.
        Assert.Equal([50m, null, 100m, null], Series(charts, "chart-compliance", "Acknowledgement compliance %"));
        Assert.Equal([2m, null, 1m, null], Series(charts, "chart-times", "Average time to acknowledge (business hours)"));

        // The second period, typed: the period list by its first letters, the dates digit by digit, the button by Enter.
        var second = (From: _firstMonday.AddDays(28), To: _firstMonday.AddDays(48));
        await page.Locator("#period").FocusAsync();
        await page.Keyboard.TypeAsync("Custom");
        await Expect(page.Locator("#period")).ToHaveValueAsync("custom");
        await TabToAsync(page, page.Locator("#from"));
        await TypeDateAsync(page, page.Locator("#from"), second.From);
        await TabToAsync(page, page.Locator("#to"));
        await TypeDateAsync(page, page.Locator("#to"), second.To);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show" }));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains($"from={Iso(second.From)}", StringComparison.Ordinal) && url.Contains($"to={Iso(second.To)}", StringComparison.Ordinal));
        await Expect(page.Locator("#from")).ToHaveValueAsync(Iso(second.From));

        charts = await ChartsDrawnAsync(page);
        Assert.Equal([Week(second.From), Week(second.From.AddDays(7)), Week(second.From.AddDays(14))], charts[0].Labels);
        Assert.Equal([0m, 3m, 0m], Series(charts, "chart-volume", "Cases received"));
        // Two of three: 66.67 %, floored like every percentage shown.
        Assert.Equal([null, 66.6m, null], Series(charts, "chart-compliance", "Acknowledgement compliance %"));
        Assert.Equal([null, 2m, null], Series(charts, "chart-times", "Average response, online channels (business hours)"));

        // A period without cases: the page says so, and no chart is drawn over nothing.
        await page.Locator("#from").FocusAsync();
        await TypeDateAsync(page, page.Locator("#from"), new DateOnly(2020, 1, 6));
        await TabToAsync(page, page.Locator("#to"));
        await TypeDateAsync(page, page.Locator("#to"), new DateOnly(2020, 1, 26));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("from=2020-01-06", StringComparison.Ordinal) && url.Contains("to=2020-01-26", StringComparison.Ordinal));
        await Expect(page.GetByTestId("kpis-empty")).ToContainTextAsync("No cases were received in this period");
        foreach (var id in new[] { "chart-compliance", "chart-times", "chart-volume" })
        {
            await Expect(page.GetByTestId($"{id}-empty")).ToHaveTextAsync("No data");
        }

        Assert.Equal(0, await page.Locator(".kpi-charts canvas").CountAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.Chart ? Object.keys(window.Chart.instances).length : -1"));
        Assert.Equal(3, await page.GetByTestId("kpi-trend").Locator("tbody tr").CountAsync());

        Assert.True(problems.Count == 0, "The browser reported: " + string.Join("; ", problems));
    }

    /// <summary>Presses Tab until the element has the focus: a date field's parts take Tab presses of their own.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 4 && !await target.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(target).ToBeFocusedAsync();
    }

    /// <summary>
    /// Types a date into the focused date field digit by digit, in the order the field shows its parts:
    /// that follows the browser's own language, not the page's, so the first part is found by stepping it.
    /// </summary>
    private static async Task TypeDateAsync(IPage page, ILocator field, DateOnly date)
    {
        var before = DateOnly.ParseExact(await field.InputValueAsync(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Keyboard.PressAsync("ArrowUp");
        var stepped = DateOnly.ParseExact(await field.InputValueAsync(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Keyboard.PressAsync("ArrowDown");
        var order = stepped.Year != before.Year ? "yyyyMMdd" : stepped.Month != before.Month ? "MMddyyyy" : "ddMMyyyy";
        await page.Keyboard.TypeAsync(date.ToString(order, CultureInfo.InvariantCulture));
        await Expect(field).ToHaveValueAsync(Iso(date));
    }

    private static decimal?[] Series(IReadOnlyList<DrawnChart> charts, string chart, string label) =>
        charts.Single(c => c.Id == chart).Datasets.Single(d => d.Label == label).Data;

    /// <summary>
    /// Each chart as Chart.js holds it, checked against the data block and the trend table, and checked
    /// painted: a chart object with nothing on its canvas would pass the rest.
    /// </summary>
    private static async Task<IReadOnlyList<DrawnChart>> ChartsDrawnAsync(IPage page)
    {
        var block = await page.Locator("script#kpi-chart-data").TextContentAsync();
        var data = JsonSerializer.Deserialize<ChartData>(block!, JsonOptions)!;
        // Returned as JSON text: Playwright's own conversion cannot build records.
        var drawnJson = await page.EvaluateAsync<string>(
            """
            ids => JSON.stringify(ids.map(id => {
                const canvas = document.getElementById(id);
                const chart = canvas && window.Chart ? window.Chart.getChart(canvas) : undefined;
                let painted = 0;
                if (canvas) {
                    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
                    for (let i = 3; i < pixels.length; i += 4) {
                        if (pixels[i] !== 0) painted++;
                    }
                }
                return {
                    id: id,
                    isChart: chart instanceof window.Chart,
                    type: chart ? chart.config.type : null,
                    labels: chart ? chart.data.labels : [],
                    datasets: chart ? chart.data.datasets.map(d => ({ label: d.label, data: d.data })) : [],
                    painted: painted,
                };
            }))
            """,
            data.Charts.Select(c => c.Id).ToArray());
        var drawn = JsonSerializer.Deserialize<DrawnChart[]>(drawnJson, JsonOptions)!;
        var table = await page.GetByTestId("kpi-trend").EvaluateAsync<string[][]>(
            "table => [...table.querySelectorAll('tr')].map(row => [...row.cells].map(cell => cell.textContent.trim()))");
        var headers = table[0];
        var rows = table[1..];

        Assert.Equal(3, drawn.Length);
        foreach (var (chart, expected) in drawn.Zip(data.Charts))
        {
            Assert.True(chart.IsChart, $"{chart.Id} is not a Chart.js chart");
            Assert.Equal(chart.Id == "chart-volume" ? "bar" : "line", chart.Type);
            Assert.True(chart.Painted > 100, $"{chart.Id} has only {chart.Painted} painted pixels");
            Assert.Equal(data.Labels, chart.Labels);
            Assert.Equal(rows.Select(r => r[0]), chart.Labels);

            // Each series is drawn with its values, followed by its target as a flat line when it has one.
            var datasets = new Queue<DrawnDataset>(chart.Datasets);
            foreach (var series in expected.Series)
            {
                var line = datasets.Dequeue();
                Assert.Equal(series.Label, line.Label);
                Assert.Equal(series.Values, line.Data);
                var column = Array.IndexOf(headers, ColumnOfSeries[series.Label]);
                Assert.True(column > 0, $"The trend table has no column for {series.Label}");
                Assert.Equal(series.Values.Select(v => v is { } value ? value.ToString("0.#", CultureInfo.InvariantCulture) : "No data"), rows.Select(r => r[column].TrimEnd('%')));
                if (series.Target is { } target)
                {
                    var targetLine = datasets.Dequeue();
                    Assert.Equal(series.Label + " target", targetLine.Label);
                    Assert.All(targetLine.Data, v => Assert.Equal(target, v));
                    Assert.Equal(data.Labels.Length, targetLine.Data.Length);
                }
            }

            Assert.Empty(datasets);
        }

        return drawn;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record ChartData(string[] Labels, ChartSeries[] Charts);

    private sealed record ChartSeries(string Id, string Unit, SeriesData[] Series);

    private sealed record SeriesData(string Label, decimal?[] Values, decimal? Target);

    private sealed record DrawnChart(string Id, bool IsChart, string? Type, string[] Labels, DrawnDataset[] Datasets, int Painted);

    private sealed record DrawnDataset(string Label, decimal?[] Data);
}
