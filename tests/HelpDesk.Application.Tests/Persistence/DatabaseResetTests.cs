using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Application.Tests.Features.Administration;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Persistence;

/// <summary>
/// The reset every data test starts with (<see cref="DatabaseFixture.ResetAsync"/>): the KPI totals are
/// left to the triggers that keep them, and end empty and still kept; every ordinary table is emptied.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class DatabaseResetTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        _billing = (await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        // The agent the test acts as works in Billing, where the case is referred.
        fixture.CurrentUser.DepartmentId = _billing;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> CountAsync(string table)
    {
        await using var db = fixture.CreateDbContext();
#pragma warning disable EF1002 // the table names are this test's own constants
        return await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM {table}").SingleAsync();
#pragma warning restore EF1002
    }

    [Fact]
    public void Respawn_leaves_kpi_daily_resolutions_and_every_other_kpi_total_to_the_triggers()
    {
        var truncated = fixture.ResetSql;

        // Named here, not read from the fixture's list: the test is that the list holds them all.
        Assert.All(
            new[] { "kpi_totals_state", "kpi_daily_totals", "kpi_daily_changes", "kpi_daily_resolutions", "kpi_daily_resolution_changes" },
            table => Assert.DoesNotContain($"\"{table}\"", truncated, StringComparison.Ordinal));
        // The tables the triggers count from, and the KPI targets an administrator sets, are ordinary data.
        Assert.All(
            new[] { "complaints", "case_resolutions", "survey_responses", "kpi_targets" },
            table => Assert.Contains($"\"{table}\"", truncated, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reset_empties_the_resolutions_and_every_kpi_total_and_keeps_the_totals_kept()
    {
        var billing = await fixture.TypeIdAsync("Billing issues");
        var logged = await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, billing, CaseBuilder.Aisha));
        await fixture.SendAsync(new AcknowledgeCase.Command(logged.Reference, null, AcknowledgementMethod.Verbal, _billing, null, null));
        await fixture.SendAsync(new ResolveCase.Command(logged.Reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal));
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            // Some of it folded into the totals, some still in the differences.
            await scope.ServiceProvider.GetRequiredService<KpiTotals>().FoldAsync();
        }

        await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Email, billing, CaseBuilder.Aisha));
        Assert.True(await CountAsync("kpi_daily_totals") > 0);
        Assert.True(await CountAsync("kpi_daily_resolutions") > 0);
        Assert.True(await CountAsync("kpi_daily_changes") > 0);
        Assert.Equal(1, await CountAsync("case_resolutions"));

        await fixture.ResetAsync();

        foreach (var table in new[] { "complaints", "case_resolutions" }.Concat(DatabaseFixture.KeptByTheKpiTriggers.Where(t => t != "kpi_totals_state")))
        {
            Assert.True(await CountAsync(table) == 0, $"{table} is not empty after the reset.");
        }

        await using var read = fixture.Services.CreateAsyncScope();
        Assert.True(await read.ServiceProvider.GetRequiredService<KpiTotals>().AreCurrentAsync());
    }
}
