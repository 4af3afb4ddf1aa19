using System.Diagnostics;
using System.Globalization;
using HelpDesk.Application.Features.Deadlines;
using HelpDesk.Application.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static HelpDesk.Benchmarks.LatencyMeasurement;

namespace HelpDesk.Benchmarks;

/// <summary>
/// Seeds <c>--cases</c> generated cases (default 100,000), brings them to the state earlier sweeps
/// would have left (every deadline that has passed already marked), then times <c>--sweeps</c>
/// passes of the real <see cref="DeadlineSweep"/> (default 20) and prints the plans of its queries:
/// the steady state of a sweeper on a large database, where each pass finds little or nothing new.
/// </summary>
public static class SweepLatency
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = Option(args, "--cases", 100_000);
        var sweeps = Option(args, "--sweeps", 20);
        var server = await PostgresServer.GetAsync();
        const string database = "helpdesk_sweep_benchmark";
        var connectionString = await server.CreateDatabaseAsync(database);
        Console.WriteLine($"PostgreSQL: {server.Source}; database {database}");
        await using (var db = new HelpDeskDbContext(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
        }

        var seeding = Stopwatch.StartNew();
        var generated = await new GeneratedCases().SeedAsync(connectionString, cases, Now);
        Console.WriteLine($"Seeded {generated.Cases:N0} cases in {seeding.Elapsed.TotalSeconds:F1} s");

        var now = Now.ToString("O", CultureInfo.InvariantCulture);
        await ExecuteAsync(connectionString, $"""
            UPDATE complaints SET acknowledgement_breached_at = '{now}' WHERE status <> 'Closed' AND acknowledged_at IS NULL AND acknowledge_due < '{now}';
            UPDATE complaints SET resolution_breached_at = '{now}' WHERE status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolve_due < '{now}';
            UPDATE complaints SET follow_up_breached_at = '{now}' WHERE status <> 'Closed' AND follow_up_due IS NOT NULL AND followed_up_at IS NULL AND follow_up_due < '{now}';
            """);
        await ExecuteAsync(connectionString, "VACUUM ANALYZE complaints");
        Console.WriteLine($"Open (not closed) cases: {await CountAsync(connectionString, "status <> 'Closed'"):N0}; "
            + $"already marked breached by earlier sweeps: {await CountAsync(connectionString, "acknowledgement_breached_at IS NOT NULL OR resolution_breached_at IS NOT NULL OR follow_up_breached_at IS NOT NULL"):N0}; "
            + $"rows in the three sweep indexes: {await CountAsync(connectionString, "status <> 'Closed' AND acknowledged_at IS NULL AND acknowledgement_breached_at IS NULL"):N0} + "
            + $"{await CountAsync(connectionString, "status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL"):N0} + "
            + $"{await CountAsync(connectionString, "status <> 'Closed' AND follow_up_due IS NOT NULL AND followed_up_at IS NULL AND follow_up_breached_at IS NULL"):N0}");

        var clock = new FakeTimeProvider(Now);
        await using var services = ApplicationServices.Build(connectionString, clock, new TestCurrentUser());
        var sweep = services.GetRequiredService<DeadlineSweep>();
        var first = Stopwatch.StartNew();
        var result = await sweep.RunAsync(CancellationToken.None);
        Console.WriteLine($"First sweep (cold): {first.Elapsed.TotalMilliseconds:F1} ms; {result}");

        var timings = new List<double>();
        for (var i = 0; i < sweeps; i++)
        {
            // A minute later each time, as the worker runs: whatever passed in that minute is new work.
            clock.Advance(TimeSpan.FromMinutes(1));
            var watch = Stopwatch.StartNew();
            result = await sweep.RunAsync(CancellationToken.None);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        var sorted = timings.Order().ToArray();
        Console.WriteLine();
        Console.WriteLine($"{sweeps} sweeps a minute apart over {cases:N0} cases (each: 3 breach queries, 3 due-soon queries, one transaction each, calendars read once per due-soon batch)");
        Console.WriteLine();
        Console.WriteLine("| sweeps | p50 ms | p95 ms | max ms |");
        Console.WriteLine("| ---: | ---: | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {sorted.Length} | {Percentile(sorted, 50):F1} | {Percentile(sorted, 95):F1} | {sorted[^1]:F1} |"));

        await ExplainAsync(connectionString, "resolution deadlines passed and not yet marked", $"""
            SELECT id FROM complaints
            WHERE status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL AND resolve_due < '{now}'
            ORDER BY resolve_due, id LIMIT 200 FOR UPDATE SKIP LOCKED
            """);
        var upTo = Now.AddHours(4).ToString("O", CultureInfo.InvariantCulture);
        await ExplainAsync(connectionString, "resolution deadlines due in the next four hours, not yet warned about", $"""
            SELECT id FROM complaints
            WHERE status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL AND assignee_id IS NOT NULL
              AND (resolve_due, id) > ('{now}', 0) AND resolve_due <= '{upTo}'
              AND resolution_warned_for IS DISTINCT FROM resolve_due
            ORDER BY resolve_due, id LIMIT 200 FOR UPDATE SKIP LOCKED
            """);
        return 0;
    }

    private static async Task<long> CountAsync(string connectionString, string where)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM complaints WHERE {where}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
