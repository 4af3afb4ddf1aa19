using System.Diagnostics;
using System.Globalization;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Persistence;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using static HelpDesk.Benchmarks.LatencyMeasurement;

namespace HelpDesk.Benchmarks;

/// <summary>
/// Seeds a throwaway database with <c>--cases</c> generated cases (default 200,000), then sends the
/// dashboard's queries (overdue now, due soon over 8 and 24 business hours) <c>--queries</c> times each
/// (default 100) through the real handlers, one DI scope each, and prints p50/p95 and the due soon plan.
/// </summary>
/// <remarks>
/// Generated cases share the first case's deadlines document (see <see cref="GeneratedCases"/>), so the
/// rows the panels keep differ from a real database's; the work timed (the indexed range read and
/// materialising each candidate's deadlines) is the same.
/// </remarks>
public static class DueSoonLatency
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = Option(args, "--cases", 200_000);
        var queries = Option(args, "--queries", 100);
        var server = await PostgresServer.GetAsync();
        const string database = "helpdesk_dashboard_benchmark";
        var connectionString = await server.CreateDatabaseAsync(database);
        await using (var db = new HelpDeskDbContext(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
        }

        var seeding = Stopwatch.StartNew();
        var generated = await new GeneratedCases().SeedAsync(connectionString, cases, Now);
        Console.WriteLine($"Seeded {generated.Cases:N0} cases in {seeding.Elapsed.TotalSeconds:F1} s");

        // As autovacuum would have by now on a live database (and as the dashboard benchmark does):
        // without the visibility map the panels' covering indexes visit the table for every entry.
        await ExecuteAsync(connectionString, "VACUUM (ANALYZE) complaints");
        await using var services = ApplicationServices.Build(connectionString, new FakeTimeProvider(Now), new TestCurrentUser());

        Console.WriteLine();
        Console.WriteLine($"Dashboard: {queries} requests each over {cases:N0} cases (after 10 warm-up requests)");
        Console.WriteLine();
        Console.WriteLine("| panel | candidates or total | p50 ms | p95 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        await TimeAsync(services, queries, "Overdue now (50 rows + 3 count tables)", new ListOverdueCases.Query(), p => p.Total);
        await TimeAsync(services, queries, "Due soon, 8 business hours", new ListDueSoonCases.Query(8), p => p.Total);
        await TimeAsync(services, queries, "Due soon, 24 business hours", new ListDueSoonCases.Query(24), p => p.Total);

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            var bound = Now.AddHours(24 + 12 + 12 + 12);
            await using var command = new NpgsqlCommand($"""
                EXPLAIN (ANALYZE, BUFFERS)
                SELECT c.id, c.reference, c.deadlines FROM complaints AS c
                WHERE c.status <> 'Closed' AND c.next_due_at >= '{Now:O}'::timestamptz AND c.next_due_at <= '{bound:O}'::timestamptz
                ORDER BY c.next_due_at, c.id LIMIT {ListDueSoonCases.CandidateLimit}
                """, connection);
            Console.WriteLine();
            Console.WriteLine("EXPLAIN ANALYZE, due soon candidates (24 business hours on the office calendar reach about 60 clock hours):");
            Console.WriteLine();
            Console.WriteLine("```");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine(reader.GetString(0));
            }

            Console.WriteLine("```");
        }

        await server.DropDatabaseAsync(database);
        return 0;
    }

    private static async Task TimeAsync<T>(ServiceProvider services, int queries, string what, IQuery<T> query, Func<T, int> size)
    {
        var timings = new List<double>();
        var last = default(T);
        for (var i = 0; i < queries + 10; i++)
        {
            var watch = Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            last = await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
            if (i >= 10)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var sorted = timings.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {size(last!):N0} | {Percentile(sorted, 50):F1} | {Percentile(sorted, 95):F1} | {sorted[^1]:F1} |"));
    }
}
