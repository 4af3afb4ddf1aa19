using System.Diagnostics;
using System.Globalization;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static HelpDesk.Benchmarks.LatencyMeasurement;

namespace HelpDesk.Benchmarks;

/// <summary>
/// Seeds a throwaway PostgreSQL database with <c>--cases</c> generated cases (default 1,000,000), then
/// sends the dashboard's requests through the real handlers, one DI scope each as a web request would:
/// the overdue panel, the KPIs for last quarter (all departments and one at a time), the KPIs for the
/// year so far (by month) and agent performance for last quarter; prints p50/p95/p99 and the plans.
/// <c>--reuse</c> keeps an already seeded database (with <c>--keep</c> on the run that seeded it).
/// </summary>
public static class DashboardLatency
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    // Last quarter in London: 1 July 00:00 BST to 1 October 00:00 BST.
    private static readonly DateTimeOffset QuarterFrom = new(2026, 6, 30, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset QuarterTo = new(2026, 9, 30, 23, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset YearFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = Option(args, "--cases", 1_000_000);
        var queries = Option(args, "--queries", 200);
        var keep = args.Contains("--keep");
        var reuse = args.Contains("--reuse");
        var server = await PostgresServer.GetAsync();
        const string database = "helpdesk_dashboard_benchmark";
        var connectionString = reuse && await ExistsAsync(server.ConnectionString, database)
            ? new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString
            : await server.CreateDatabaseAsync(database);
        Console.WriteLine($"PostgreSQL: {server.Source}; database {database}");
        await using (var db = new HelpDeskDbContext(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
            var existing = await db.Complaints.CountAsync();
            if (reuse && existing >= cases)
            {
                Console.WriteLine($"Reusing {existing:N0} cases");
            }
            else
            {
                var seeding = Stopwatch.StartNew();
                await new GeneratedCases().SeedAsync(connectionString, cases, Now);
                Console.WriteLine($"Seeded {cases:N0} cases in {seeding.Elapsed.TotalSeconds:F1} s");
            }
        }

        // As autovacuum would have by now on a live database: the visibility map lets the covering
        // indexes answer without visiting the table.
        var vacuum = Stopwatch.StartNew();
        await ExecuteAsync(connectionString, "VACUUM (ANALYZE) complaints");
        await ExecuteAsync(connectionString, "VACUUM (ANALYZE) survey_responses");
        Console.WriteLine($"VACUUM ANALYZE in {vacuum.Elapsed.TotalSeconds:F1} s");

        int[] departments;
        await using (var db = new HelpDeskDbContext(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            departments = [.. await db.Departments.Where(d => db.Complaints.Any(c => c.DepartmentId == d.Id)).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync()];
        }

        await using var services = ApplicationServices.Build(connectionString, new FakeTimeProvider(Now), new TestCurrentUser());

        // What the app does when it starts on a database whose KPI totals are not kept yet (KpiTotalsKeeper).
        var build = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var built = await scope.ServiceProvider.GetRequiredService<KpiTotals>().EnsureBuiltAsync();
            Console.WriteLine(built ? $"KPI totals counted from every case in {build.Elapsed.TotalSeconds:F1} s" : "KPI totals already kept");
        }

        await ExecuteAsync(connectionString, "VACUUM (ANALYZE) kpi_daily_totals");
        await ExecuteAsync(connectionString, "VACUUM (ANALYZE) kpi_daily_changes");
        await using (var db = new HelpDeskDbContext(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            var rows = await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM kpi_daily_totals").SingleAsync();
            Console.WriteLine($"KPI totals: {rows:N0} rows (day x department x channel x type)");
        }
        var requests = new (string Name, Func<int, object> Request)[]
        {
            ("overdue panel (ListOverdueCases)", _ => new ListOverdueCases.Query()),
            ("KPIs, last quarter, all departments", _ => new GetKpis.Query(QuarterFrom, QuarterTo)),
            ("KPIs, last quarter, one department", i => new GetKpis.Query(QuarterFrom, QuarterTo, departments[i % departments.Length])),
            ("KPIs, 1 Jan to now (by month), all departments", _ => new GetKpis.Query(YearFrom, Now)),
            ("agent performance, last quarter", _ => new GetAgentPerformance.Query(QuarterFrom, QuarterTo)),
        };

        var figures = new List<(string Name, List<double> Timings, string Note)>();
        foreach (var (name, request) in requests)
        {
            var timings = new List<double>();
            object? last = null;
            for (var i = 0; i < queries + 10; i++)
            {
                var watch = Stopwatch.StartNew();
                await using var scope = services.CreateAsyncScope();
                last = await scope.ServiceProvider.GetRequiredService<ISender>().Send(request(i));
                if (i >= 10)
                {
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            figures.Add((name, timings, Describe(last)));
        }

        Console.WriteLine();
        Console.WriteLine($"Dashboard: {queries} requests each over {cases:N0} cases (after 10 unmeasured warm-up requests each)");
        Console.WriteLine();
        Console.WriteLine("| request | n | p50 ms | p95 ms | p99 ms | max ms | what it returned (last request) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (name, timings, note) in figures)
        {
            var sorted = timings.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {sorted.Length} | {Percentile(sorted, 50):F1} | {Percentile(sorted, 95):F1} | {Percentile(sorted, 99):F1} | {sorted[^1]:F1} | {note} |"));
        }

        await ExplainAsync(connectionString, "the KPI totals statement, last quarter, all departments", Substitute(string.Format(CultureInfo.InvariantCulture, KpiStatements.TotalsSql, KpiStatements.PeriodRows("", oneDepartment: false))));
        await ExplainAsync(connectionString, "the KPI totals statement, last quarter, one department", Substitute(string.Format(CultureInfo.InvariantCulture, KpiStatements.TotalsSql, KpiStatements.PeriodRows("", oneDepartment: true))).Replace("@department", departments[0].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await MeasureWritesAndFoldAsync(connectionString, services);
        await ExplainAsync(connectionString, "the KPI cohort statement, last quarter, all departments", Substitute(KpiStatements.CohortSql(oneDepartment: false)));
        await ExplainAsync(connectionString, "the KPI cohort statement, last quarter, one department", Substitute(KpiStatements.CohortSql(oneDepartment: true)).Replace("@department", departments[0].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        await ExplainAsync(connectionString, "complaints a year before, last quarter", $"""
            SELECT count(*)::int FROM complaints AS c
            WHERE c.kind = 'Complaint' AND c.received_at >= '{QuarterFrom.AddYears(-1):O}'::timestamptz AND c.received_at < '{QuarterTo.AddYears(-1):O}'::timestamptz
            """);

        await using (var db = new HelpDeskDbContext(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            // The overdue panel's statements as EF Core writes them (ListOverdueCases.OverdueAt).
            var overdue = db.Complaints.AsNoTracking().Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed && c.NextDueAt < Now);
            await ExplainAsync(connectionString, "overdue panel, the 50 most overdue", Inline(overdue.OrderBy(c => c.NextDueAt).ThenBy(c => c.Id).Take(50).Select(c => new { c.Id, c.Reference, c.Subject, c.Status, c.Deadlines }).ToQueryString()));
            await ExplainAsync(connectionString, "overdue panel, counts by department (by type and by assignee are alike)", Inline(overdue.GroupBy(c => c.DepartmentId).Select(g => new { g.Key, Cases = g.Count() }).ToQueryString()));
        }

        if (!keep)
        {
            await server.DropDatabaseAsync(database);
        }

        return 0;

        string Substitute(string sql) => sql
            .Replace("@first_day", "'2026-07-01'::date", StringComparison.Ordinal)
            .Replace("@end_day", "'2026-10-01'::date", StringComparison.Ordinal)
            .Replace("@whole_from", $"'{QuarterFrom:O}'::timestamptz", StringComparison.Ordinal)
            .Replace("@whole_to", $"'{QuarterTo:O}'::timestamptz", StringComparison.Ordinal)
            .Replace("@from", $"'{QuarterFrom:O}'::timestamptz", StringComparison.Ordinal)
            .Replace("@to", $"'{QuarterTo:O}'::timestamptz", StringComparison.Ordinal)
            .Replace("@now", $"'{Now:O}'::timestamptz", StringComparison.Ordinal)
            .Replace("@unit", "'week'", StringComparison.Ordinal)
            .Replace("@zone", "'Europe/London'", StringComparison.Ordinal);
    }

    /// <summary>
    /// What keeping the totals costs the writers and the fold: a day's work for a large desk (10,000
    /// cases changed in KPI terms), each UPDATE writing its two difference rows, then one fold.
    /// </summary>
    private static async Task MeasureWritesAndFoldAsync(string connectionString, IServiceProvider services)
    {
        const string work = """
            UPDATE complaints SET satisfaction = CASE WHEN satisfaction = 5 THEN 4 ELSE 5 END
            WHERE id IN (SELECT id FROM complaints ORDER BY id DESC LIMIT 10000)
            """;
        await ExecuteAsync(connectionString, "ALTER TABLE complaints DISABLE TRIGGER kpi_totals_case_changed");
        var without = Stopwatch.StartNew();
        await ExecuteAsync(connectionString, work);
        without.Stop();
        await ExecuteAsync(connectionString, "ALTER TABLE complaints ENABLE TRIGGER kpi_totals_case_changed");
        var with = Stopwatch.StartNew();
        await ExecuteAsync(connectionString, work);
        with.Stop();

        var fold = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var folded = await scope.ServiceProvider.GetRequiredService<KpiTotals>().FoldAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"10,000 cases changed in one UPDATE: {without.Elapsed.TotalMilliseconds:F0} ms without the totals' trigger, {with.Elapsed.TotalMilliseconds:F0} ms with it; folding its {folded:N0} difference rows: {fold.Elapsed.TotalMilliseconds:F0} ms"));

        // Put the totals back in step with the cases the trigger-less UPDATE changed.
        await using var rebuild = new NpgsqlConnection(connectionString);
        await rebuild.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT kpi_totals_rebuild()", rebuild) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static string Describe(object? result) => result switch
    {
        ListOverdueCases.Panel panel => string.Create(CultureInfo.InvariantCulture, $"{panel.Total:N0} overdue, {panel.Rows.Count} rows"),
        GetKpis.Report report => string.Create(CultureInfo.InvariantCulture,
            $"{report.Totals.Cases:N0} cases, {report.Trend.Count} {report.TrendUnit}s; ack. {report.Totals.AcknowledgementCompliance.Percent}%, FCR {report.Totals.FirstContactResolution.Percent}%, CSAT {report.Totals.CustomerSatisfaction.Percent}%, NPS {report.Totals.NetPromoterScore.Score}"),
        IReadOnlyList<GetAgentPerformance.Row> rows => string.Create(CultureInfo.InvariantCulture, $"{rows.Count} staff, {rows.Sum(r => r.CasesResolved):N0} cases resolved"),
        _ => "",
    };

    // ToQueryString declares the parameters first ("-- @__now_0='...'"); EXPLAIN needs them inline.
    private static string Inline(string sql)
    {
        var lines = sql.Split('\n');
        var body = string.Join('\n', lines.Where(l => !l.StartsWith("-- ", StringComparison.Ordinal)));
        foreach (var declaration in lines.Where(l => l.StartsWith("-- @", StringComparison.Ordinal)))
        {
            var name = declaration[3..declaration.IndexOf('=', StringComparison.Ordinal)];
            var value = declaration[(declaration.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim();
            var typed = value.Split(" (", 2)[0];
            body = body.Replace(name, typed.Contains('T', StringComparison.Ordinal) ? typed + "::timestamptz" : typed, StringComparison.Ordinal);
        }

        return body.Trim();
    }

    private static async Task<bool> ExistsAsync(string serverConnectionString, string database)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", connection);
        command.Parameters.AddWithValue("name", database);
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
