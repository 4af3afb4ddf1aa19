using System.Globalization;
using Npgsql;

namespace HelpDesk.Benchmarks;

/// <summary>What every latency benchmark shares: its command-line options, nearest-rank percentiles, and printing a plan.</summary>
internal static class LatencyMeasurement
{
    /// <summary>Nearest rank: the smallest timing at least p % of the timings do not exceed.</summary>
    public static double Percentile(double[] sorted, int p) => sorted[Math.Max(0, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];

    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    /// <summary>Runs a statement with a long timeout (VACUUM over a million rows, or a bulk update of them).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 1200 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Prints the statement and its EXPLAIN (ANALYZE, BUFFERS) plan as Markdown, ready for docs/performance.md.</summary>
    public static async Task ExplainAsync(string connectionString, string what, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
        Console.WriteLine();
        Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS), {what}:");
        Console.WriteLine();
        Console.WriteLine("```sql");
        Console.WriteLine(sql);
        Console.WriteLine("```");
        Console.WriteLine();
        Console.WriteLine("```");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Console.WriteLine(reader.GetString(0));
        }

        Console.WriteLine("```");
    }
}
