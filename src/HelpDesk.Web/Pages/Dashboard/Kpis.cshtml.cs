using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Domain.Reporting;
using HelpDesk.Web.Reports;

namespace HelpDesk.Web.Pages.Dashboard;

/// <summary>The KPIs for a period and department against their targets, with trends and CSV downloads.</summary>
public sealed class KpisModel(ISender sender, DeskClock clock) : PeriodReportModel(sender, clock)
{
    public static readonly IReadOnlyList<string> Tables = ["kpis", "trend", "channels", "types"];

    public GetKpis.Report? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Report = await LoadPageAsync(Query, cancellationToken);

    /// <summary>One of the page's tables as CSV, for the same period and department.</summary>
    [BadRequestOnFailure]
    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken cancellationToken)
    {
        var report = await LoadAsync(Query, cancellationToken);
        if (report is null)
        {
            return BadRequest();
        }

        var name = FileName("kpis");
        return table switch
        {
            "kpis" => CsvDownload.From($"{name}.csv", ["KPI", "Value", "Unit", "Target", "Met when", "Verdict", "Basis"], report.Kpis,
                k => [k.Name, k.Value, k.Unit, k.Target, k.Direction == KpiDirection.AtLeast ? "at or above" : "at or below", Verdict(k), k.Basis]),
            "trend" => CsvDownload.From($"{name}-trend.csv",
                ["Period starting", "Cases", "Complaints", "Acknowledgement compliance %", "Resolution compliance %", "First contact resolution %", "Average hours to acknowledge", "Average hours to resolve", "Average response hours, online", "Reopen rate %", "CSAT %", "NPS"],
                report.Trend,
                t => [t.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.Figures.Cases, t.Figures.Complaints, t.Figures.AcknowledgementCompliance.Percent, t.Figures.ResolutionCompliance.Percent,
                    t.Figures.FirstContactResolution.Percent, t.Figures.AcknowledgeHours.Hours, t.Figures.ResolveHours.Hours, t.Figures.OnlineResponseHours.Hours, t.Figures.ReopenRate.Percent,
                    t.Figures.CustomerSatisfaction.Percent, t.Figures.NetPromoterScore.Score]),
            "channels" => CsvDownload.From($"{name}-by-channel.csv", ["Channel", "Cases"], report.ByChannel, v => [v.Label, v.Cases]),
            "types" => CsvDownload.From($"{name}-by-type.csv", ["Complaint type", "Cases"], report.ByType, v => [v.Label, v.Cases]),
            _ => NotFound(),
        };
    }

    public static string Verdict(GetKpis.Kpi kpi) => kpi switch
    {
        { Value: null } => "No data",
        { Target: null } => "No target",
        { Met: true } => "Met",
        _ => "Missed",
    };

    public static string Show(decimal? value, string unit) => value switch
    {
        null => "No data",
        { } v when unit == "%" => Percentage.Format(v),
        { } v => v.ToString("0.#", CultureInfo.InvariantCulture) + " " + unit,
    };

    public static string Show(decimal? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "No data";

    /// <summary>The link to a CSV download of one table, for the period and department shown.</summary>
    public string CsvLink(string table) => CsvLinkTo("/Dashboard/Kpis", table);

    /// <summary>One chart of the trend; <see cref="Caption"/> and <see cref="Description"/> are for the page, not the script.</summary>
    public sealed record TrendChart(
        string Id,
        string Unit,
        IReadOnlyList<TrendSeries> Series,
        [property: JsonIgnore] string Caption,
        [property: JsonIgnore] string Description)
    {
        /// <summary>Whether any week or month has a figure: a chart of only gaps says nothing.</summary>
        [JsonIgnore]
        public bool HasData => Series.Any(s => s.Values.Any(v => v is not null));
    }

    /// <summary>One line or set of bars, with its KPI target (drawn as a flat line) when it has one.</summary>
    public sealed record TrendSeries(string Label, IReadOnlyList<decimal?> Values, decimal? Target);

    /// <summary>The three trend charts, each charting columns of the trend table.</summary>
    public IReadOnlyList<TrendChart> Charts()
    {
        var trend = Report!.Trend;
        var targets = Report.Kpis.ToDictionary(k => k.Measure, k => k.Target);
        TrendSeries Series(string label, Func<GetKpis.Figures, decimal?> value, decimal? target = null) =>
            new(label, [.. trend.Select(t => value(t.Figures))], target);
        return
        [
            new("chart-compliance", "%",
            [
                Series("Acknowledgement compliance %", f => f.AcknowledgementCompliance.Percent, targets[KpiMeasure.AcknowledgementCompliance]),
                Series("Resolution compliance %", f => f.ResolutionCompliance.Percent, targets[KpiMeasure.ResolutionCompliance]),
                Series("First contact resolution %", f => f.FirstContactResolution.Percent, targets[KpiMeasure.FirstContactResolution]),
                Series("CSAT %", f => f.CustomerSatisfaction.Percent, targets[KpiMeasure.CustomerSatisfaction]),
            ], "Compliance, first contact resolution and satisfaction (%)", "Line chart of the percentages in the trend table below"),
            new("chart-times", "business hours",
            [
                Series("Average response, online channels (business hours)", f => f.OnlineResponseHours.Hours, targets[KpiMeasure.OnlineResponseTime]),
                Series("Average time to acknowledge (business hours)", f => f.AcknowledgeHours.Hours),
            ], "Average response times (business hours)", "Line chart of the response times in the trend table below"),
            new("chart-volume", "cases",
            [
                Series("Cases received", f => f.Cases),
                Series("Complaints received", f => f.Complaints),
            ], "Volume", "Bar chart of the volumes in the trend table below"),
        ];
    }

    /// <summary>
    /// The trend as JSON for wwwroot/js/kpi-charts.js, in a data block (type="application/json" is
    /// never executed, so it is allowed under a Content-Security-Policy that forbids inline script).
    /// </summary>
    public string ChartData() =>
        JsonSerializer.Serialize(new { labels = Report!.Trend.Select(t => t.Label), charts = Charts() }, ChartJson);

    private static readonly JsonSerializerOptions ChartJson = new(JsonSerializerDefaults.Web);

    private static GetKpis.Query Query(DateTimeOffset from, DateTimeOffset to, int? department) => new(from, to, department);
}
