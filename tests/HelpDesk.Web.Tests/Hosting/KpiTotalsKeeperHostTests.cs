using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// The KPI totals as the real host keeps them: built when the app starts on a database that has none,
/// then the differences the triggers write folded in each minute on the host's clock (a fake one here).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class KpiTotalsKeeperHostTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_host_builds_the_totals_at_start_and_folds_each_minute()
    {
        // A database whose totals were never built: one case already there, uncounted.
        await ExecuteAsync("DELETE FROM kpi_totals_state; SELECT kpi_totals_rebuild()");
        await LogAsync(Wednesday.AddDays(-2));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM kpi_daily_totals") + await ScalarAsync("SELECT count(*) FROM kpi_daily_changes"));

        var clock = new FakeTimeProvider(Wednesday);
        await using var app = new HelpDeskApp(fixture.ConnectionString, clock) { KeepsKpiTotals = true };
        app.StartServer();

        await WhenAsync("SELECT count(*) FROM kpi_totals_state WHERE zone = 'Europe/London'", 1);
        await WhenAsync("SELECT coalesce(sum(cases), 0) FROM kpi_daily_totals", 1);

        // A case logged now is a difference until the next fold, a minute later on the host's clock.
        await LogAsync(Wednesday);
        Assert.Equal(1L, await ScalarAsync("SELECT coalesce(sum(cases), 0) FROM kpi_daily_changes"));
        await WhenAsync("SELECT coalesce(sum(cases), 0) FROM kpi_daily_totals", 2, () => clock.Advance(TimeSpan.FromMinutes(1)));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM kpi_daily_changes"));
    }

    private async Task LogAsync(DateTimeOffset at)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var type = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var row = (await scope.ServiceProvider.GetRequiredService<SlaPolicy>().CurrentTableAsync(CancellationToken.None)).RowFor(type, Priority.Normal);
        var count = await db.Complaints.CountAsync();
        db.Complaints.Add(Complaint.Log(
            ReferenceNumber.Create("HD", 2026, count + 1),
            new NewCase(at, Channel.Phone, CaseKind.Complaint, type, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "No power", "Since this morning."),
            row,
            new Actor(null, "Test"),
            at));
        await db.SaveChangesAsync();
    }

    private async Task WhenAsync(string sql, long expected, Action? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await ScalarAsync(sql) != expected)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The keeper did not reach {expected} for \"{sql}\" in time.");
            meanwhile?.Invoke();
            await Task.Delay(100);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
