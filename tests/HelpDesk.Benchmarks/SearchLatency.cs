using System.Diagnostics;
using System.Globalization;
using HelpDesk.Application.Features.Workspace;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HelpDesk.Benchmarks.LatencyMeasurement;

namespace HelpDesk.Benchmarks;

/// <summary>
/// Seeds a throwaway PostgreSQL database with <c>--cases</c> generated cases (default 100,000), then
/// sends <c>--queries</c> representative searches (default 500) and queue pages through the real
/// handlers, one DI scope each as a web request would, and prints p50/p95/p99 and the plans.
/// </summary>
public static class SearchLatency
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static readonly string[] Words =
    [
        "router", "boiler", "refund", "engineer", "courier", "invoice", "damaged", "parcel", "broadband", "replacement", "appointment",
        "warranty", "noise", "burning", "stock", "fee", "address", "rain", "urgently", "instructions", "neighbour", "television", "mattress",
    ];

    private static readonly string[] Pairs =
    [
        "router refund", "boiler engineer", "parcel damaged", "charged twice", "wrong address", "smart meter", "washing machine",
        "direct debit", "late delivery", "gift card", "loud noise", "invoice fee",
    ];

    private static readonly string[] FirstNames = ["Aisha", "Ben", "Cara", "Femi", "Grace", "Hamza", "Priya", "Tariq", "Yusuf", "Zoe", "Olivia", "Noah"];
    private static readonly string[] LastNames = ["Khan", "Ortiz", "Patel", "Smith", "Jones", "Begum", "Murphy", "Nowak", "Eze", "Wright", "Turner", "Clarke"];

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = Option(args, "--cases", 100_000);
        var queries = Option(args, "--queries", 500);
        var keep = args.Contains("--keep");
        var server = await PostgresServer.GetAsync();
        const string database = "helpdesk_search_benchmark";
        var connectionString = await server.CreateDatabaseAsync(database);
        Console.WriteLine($"PostgreSQL: {server.Source}; database {database}");
        await using (var db = new HelpDeskDbContext(new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options))
        {
            await db.Database.MigrateAsync();
        }

        var seeding = Stopwatch.StartNew();
        var generated = await new GeneratedCases().SeedAsync(connectionString, cases, Now);
        Console.WriteLine($"Seeded {generated.Cases:N0} cases in {seeding.Elapsed.TotalSeconds:F1} s");

        var random = new Random(7);
        var current = new TestCurrentUser();
        await using var services = ApplicationServices.Build(connectionString, new FakeTimeProvider(Now), current);

        var searches = Enumerable.Range(0, queries).Select(_ => NextSearch(random, generated)).ToList();
        foreach (var (_, text) in searches.Take(50))
        {
            await SearchAsync(services, text);
        }

        var timings = new List<(string Kind, double Ms)>();
        foreach (var (kind, text) in searches)
        {
            var watch = Stopwatch.StartNew();
            await SearchAsync(services, text);
            timings.Add((kind, watch.Elapsed.TotalMilliseconds));
        }

        Console.WriteLine();
        Console.WriteLine($"Search: {queries} queries over {cases:N0} cases (after 50 warm-up queries)");
        Console.WriteLine();
        Console.WriteLine("| queries | n | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Print("**all**", timings.Select(t => t.Ms));
        foreach (var group in timings.GroupBy(t => t.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Print(group.Key, group.Select(t => t.Ms));
        }

        var queueTimings = new List<(string Kind, double Ms)>();
        for (var i = 0; i < queries; i++)
        {
            current.Actor = new Actor(generated.StaffIds[random.Next(generated.StaffIds.Count)], "Benchmark");
            var queue = ListCases.Queues.All[random.Next(ListCases.Queues.All.Count - 1)];
            string? after = null;
            for (var page = 1; page <= 3; page++)
            {
                var watch = Stopwatch.StartNew();
                await using var scope = services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ListCases.Query { Queue = queue, After = after });
                if (i >= 20)
                {
                    queueTimings.Add((page == 1 ? $"{queue}, first page" : $"{queue}, page 2-3 (keyset)", watch.Elapsed.TotalMilliseconds));
                }

                after = result.NextAfter;
                if (after is null)
                {
                    break;
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Queues: {queueTimings.Count} pages of {ListCases.PageSize} (random staff, first three pages of each queue)");
        Console.WriteLine();
        Console.WriteLine("| queue page | n | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        Print("**all**", queueTimings.Select(t => t.Ms));
        foreach (var group in queueTimings.GroupBy(t => t.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            Print(group.Key, group.Select(t => t.Ms));
        }

        await ExplainAsync(connectionString, "a common word (\"refund\", in about one case in three), first page", """
            SELECT c0.reference, c0.subject, c0.customer_name, c0.status, c0.next_due_at
            FROM (
                SELECT c.id, c.reference, c.subject, c.customer_name, c.status, c.next_due_at, c.search_vector
                FROM complaints AS c
                WHERE c.search_vector @@ websearch_to_tsquery('simple', 'refund')
                ORDER BY c.id DESC
                LIMIT 200
            ) AS c0
            ORDER BY ts_rank(c0.search_vector, websearch_to_tsquery('simple', 'refund')) DESC, c0.id DESC
            LIMIT 21 OFFSET 0
            """);
        await ExplainAsync(connectionString, "a customer's name (\"priya murphy\"), first page", """
            SELECT c0.reference, c0.subject, c0.customer_name, c0.status, c0.next_due_at
            FROM (
                SELECT c.id, c.reference, c.subject, c.customer_name, c.status, c.next_due_at, c.search_vector
                FROM complaints AS c
                WHERE c.search_vector @@ websearch_to_tsquery('simple', 'priya murphy')
                ORDER BY c.id DESC
                LIMIT 200
            ) AS c0
            ORDER BY ts_rank(c0.search_vector, websearch_to_tsquery('simple', 'priya murphy')) DESC, c0.id DESC
            LIMIT 21 OFFSET 0
            """);
        await ExplainAsync(connectionString, "an email, first page", $"""
            SELECT c0.reference, c0.subject, c0.customer_name, c0.status, c0.next_due_at
            FROM (
                SELECT c.id, c.reference, c.subject, c.customer_name, c.status, c.next_due_at, c.search_vector
                FROM complaints AS c
                WHERE c.search_vector @@ websearch_to_tsquery('simple', '{generated.Emails[^1]}') OR lower(c.customer_email) = '{generated.Emails[^1]}'
                ORDER BY c.id DESC
                LIMIT 200
            ) AS c0
            ORDER BY ts_rank(c0.search_vector, websearch_to_tsquery('simple', '{generated.Emails[^1]}')) DESC, c0.id DESC
            LIMIT 21 OFFSET 0
            """);
        await ExplainAsync(connectionString, "a department's queue, second page (keyset)", $"""
            SELECT c.id, c.reference, c.next_due_at
            FROM complaints AS c
            WHERE c.status <> 'Closed' AND c.department_id = {generated.DepartmentIds[1]} AND c.next_due_at IS NOT NULL
              AND (c.next_due_at, c.id) > ('{Now.AddDays(-3):O}'::timestamptz, 0)
            ORDER BY c.next_due_at, c.id
            LIMIT 26
            """);

        if (!keep)
        {
            await server.DropDatabaseAsync(database);
        }

        return 0;
    }

    private static (string Kind, string Text) NextSearch(Random random, GeneratedCases.Summary generated)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 25 => ("one common word", Words[random.Next(Words.Length)]),
            < 40 => ("two words", Pairs[random.Next(Pairs.Length)]),
            < 55 => ("customer's full name", $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}"),
            < 65 => ("customer's surname", LastNames[random.Next(LastNames.Length)]),
            < 75 => ("email, exact", generated.Emails[random.Next(generated.Emails.Count)].ToUpperInvariant()),
            < 85 => ("phone, typed without spaces", generated.Phones[random.Next(generated.Phones.Count)].Replace(" ", "", StringComparison.Ordinal)),
            < 90 => ("reference counter digits", generated.References[random.Next(generated.References.Count)].Split('-')[2]),
            < 95 => ("full reference (goes to the case)", generated.References[random.Next(generated.References.Count)]),
            _ => ("no match", "zeppelin" + random.Next(100).ToString(CultureInfo.InvariantCulture)),
        };
    }

    private static async Task SearchAsync(ServiceProvider services, string text)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SearchCases.Query(text));
    }

    private static void Print(string what, IEnumerable<double> timings)
    {
        var sorted = timings.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {sorted.Length} | {Percentile(sorted, 50):F1} | {Percentile(sorted, 95):F1} | {Percentile(sorted, 99):F1} | {sorted[^1]:F1} |"));
    }
}
