using System.Text.Json;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpDesk.Application.Tests.Persistence;

/// <summary>
/// The KPI totals the triggers keep (<see cref="KpiTotals"/>) against a count of the cases themselves:
/// after any mix of writes, folded or not, the KPIs and agent performance read from the totals are
/// those read from the cases, to the last figure of every week, channel, type and agent.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class KpiTotalsTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ApplicationFixture.Now;
    private static readonly DateTimeOffset October = new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private int[] _departments = [];
    private string[] _staff = [];

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _departments = [(await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id, (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id];
        _staff =
        [
            (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _departments[0])).Id,
            (await seeder.EnsureStaffAsync("tom@example.test", "Tom Tech", "A long password 1", StaffRoles.Agent, _departments[1])).Id,
        ];
    }

    // Whatever a test did to the totals' state, the next test finds them kept in London again.
    public async Task DisposeAsync() => await WithTotalsAsync(t => t.EnsureBuiltAsync());

    /// <summary>The periods a manager asks for: a month, one department's month, a ragged period ending now, the year by month.</summary>
    private IEnumerable<GetKpis.Query> Periods() =>
    [
        new(October, November),
        new(October, November, _departments[1]),
        new(new DateTimeOffset(2026, 10, 5, 13, 17, 0, TimeSpan.Zero), Now),
        new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Now),
        new(Now.AddHours(-3), Now),
    ];

    [Fact]
    public async Task After_any_mix_of_changes_the_totals_give_the_figures_a_count_of_the_cases_gives()
    {
        var random = new Random(20261125);
        var ids = new List<long>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await CaseAsync(Now.AddMinutes(-random.Next(0, 56 * 24 * 60)), random));
        }

        foreach (var id in ids)
        {
            await FactsAsync(id, random);
        }

        foreach (var id in ids.Where((_, i) => i % 3 == 0))
        {
            await using var db = fixture.CreateDbContext();
            db.SurveyResponses.Add(SurveyResponse.Answer(id, random.Next(1, 6), random.Next(3) == 0 ? null : random.Next(0, 11), null, Now));
            await db.SaveChangesAsync();
        }

        Assert.True(await WithTotalsAsync(t => t.AreCurrentAsync()));
        var unfolded = await ReportsAsync();

        // Cases worked again: facts changed, moved to another department and day, a survey answer
        // changed and one withdrawn, a case deleted with its answer (the cascade).
        await using (var db = fixture.CreateDbContext())
        {
            foreach (var id in ids.Where((_, i) => i % 4 == 1))
            {
                await FactsAsync(id, random);
            }

            await db.Complaints.Where(c => c.Id == ids[7] || c.Id == ids[8]).ExecuteUpdateAsync(u => u.SetProperty(c => c.AssigneeId, _staff[1]));
            await db.Complaints.Where(c => c.Id == ids[5] || c.Id == ids[6])
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.DepartmentId, _departments[1]).SetProperty(c => c.ReceivedAt, c => c.ReceivedAt.AddDays(-9)));
            await db.SurveyResponses.Where(r => r.ComplaintId == ids[3]).ExecuteUpdateAsync(u => u.SetProperty(r => r.Csat, 5).SetProperty(r => r.Nps, 10));
            await db.SurveyResponses.Where(r => r.ComplaintId == ids[9]).ExecuteDeleteAsync();
            // A follow-up rating given after a resolution, and a resolution removed (its case stays).
            await db.CaseResolutions.Where(r => r.ComplaintId == ids[10] || r.ComplaintId == ids[11]).ExecuteUpdateAsync(u => u.SetProperty(r => r.Satisfaction, 5));
            var removed = await db.CaseResolutions.Where(r => ids.Contains(r.ComplaintId)).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
            await db.CaseResolutions.Where(r => r.Id == removed).ExecuteDeleteAsync();
            await db.Complaints.Where(c => c.Id == ids[12]).ExecuteDeleteAsync();
        }

        var changed = await ReportsAsync();
        Assert.NotEqual(unfolded, changed);

        Assert.True(await WithTotalsAsync(t => t.FoldAsync()) > 0);
        var folded = await ReportsAsync();
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM kpi_daily_changes"));

        // The same periods read from the cases themselves: the totals not kept.
        await ExecuteAsync("DELETE FROM kpi_totals_state");
        Assert.False(await WithTotalsAsync(t => t.AreCurrentAsync()));
        var counted = await ReportsAsync();

        Assert.True(await WithTotalsAsync(t => t.EnsureBuiltAsync()));
        var rebuilt = await ReportsAsync();

        Assert.Equal(counted, changed);
        Assert.Equal(counted, folded);
        Assert.Equal(counted, rebuilt);

        // Not vacuous: the month has cases, surveys and both kinds of deadline decided.
        var october = await fixture.SendAsync(new GetKpis.Query(October, November));
        Assert.True(october.Totals.Cases > 10);
        Assert.True(october.Totals.CustomerSatisfaction.Of > 0);
        Assert.True(october.Totals.ResolutionCompliance.Of > october.Totals.FirstContactResolution.Of);
        var agents = await fixture.SendAsync(new GetAgentPerformance.Query(October, November));
        Assert.Equal(2, agents.Count);
        Assert.True(agents.Sum(a => a.CustomerSatisfaction.Of) > 0);
        // Reopened cases resolved twice, some by both members of staff.
        await using (var db = fixture.CreateDbContext())
        {
            var twice = await db.CaseResolutions.GroupBy(r => r.ComplaintId).Where(g => g.Count() > 1).Select(g => g.Select(r => r.ResolvedById).Distinct().Count()).ToListAsync();
            Assert.Contains(2, twice);
        }
    }

    [Fact]
    public async Task Writers_on_the_same_day_never_wait_for_each_other_and_a_fold_leaves_uncommitted_work_for_later()
    {
        var random = new Random(7);
        var first = await CaseAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.Zero), random, Channel.Phone);
        var second = await CaseAsync(new DateTimeOffset(2026, 10, 14, 10, 0, 0, TimeSpan.Zero), random, Channel.Phone);
        await ExecuteAsync($"UPDATE complaints SET complaint_type_id = (SELECT complaint_type_id FROM complaints WHERE id = {first}), department_id = {_departments[0]} WHERE id IN ({first}, {second})");
        Assert.True(await WithTotalsAsync(t => t.FoldAsync()) > 0);

        // The first writer keeps its transaction open on a case of the same day, department, channel and type.
        await using var open = new NpgsqlConnection(fixture.ConnectionString);
        await open.OpenAsync();
        await using var openTransaction = await open.BeginTransactionAsync();
        await using (var satisfied = new NpgsqlCommand($"UPDATE complaints SET satisfaction = 5 WHERE id = {first}", open, openTransaction))
        {
            await satisfied.ExecuteNonQueryAsync();
        }

        // The second would fail at once if it had to queue behind the first for a row of the totals.
        await using (var other = new NpgsqlConnection(fixture.ConnectionString))
        {
            await other.OpenAsync();
            await using var command = new NpgsqlCommand($"SET lock_timeout = '1s'; UPDATE complaints SET satisfaction = 2 WHERE id = {second}", other);
            await command.ExecuteNonQueryAsync();
        }

        // A fold now moves the second writer's committed difference and cannot see the first's, which
        // waits for the next fold: its two rows (the case as it was, taken away; as it is, added).
        Assert.Equal(2, await WithTotalsAsync(t => t.FoldAsync()));
        await openTransaction.CommitAsync();
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM kpi_daily_changes"));

        var report = await fixture.SendAsync(new GetKpis.Query(October, November));
        Assert.Equal(new GetKpis.Ratio(1, 2), report.Totals.CustomerSatisfaction);
        await WithTotalsAsync(t => t.FoldAsync());
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM kpi_daily_changes"));
        Assert.Equal((2L, 2L, 1L), (
            await ScalarAsync<long>("SELECT sum(cases) FROM kpi_daily_totals"),
            await ScalarAsync<long>("SELECT sum(csat_answers) FROM kpi_daily_totals"),
            await ScalarAsync<long>("SELECT sum(csat_satisfied) FROM kpi_daily_totals")));
    }

    [Fact]
    public async Task Totals_kept_in_another_zone_are_counted_afresh_in_the_desks_days()
    {
        // 30 September 23:30 UTC is already 1 October in London (BST).
        await CaseAsync(new DateTimeOffset(2026, 9, 30, 23, 30, 0, TimeSpan.Zero), new Random(3));
        await ExecuteAsync("UPDATE kpi_totals_state SET zone = 'UTC'");
        await ExecuteAsync("SELECT kpi_totals_rebuild()");
        Assert.Equal("2026-09-30", await ScalarAsync<string>("SELECT day::text FROM kpi_daily_totals"));
        Assert.False(await WithTotalsAsync(t => t.AreCurrentAsync()));

        Assert.True(await WithTotalsAsync(t => t.EnsureBuiltAsync()));
        Assert.False(await WithTotalsAsync(t => t.EnsureBuiltAsync()));

        Assert.Equal("2026-10-01", await ScalarAsync<string>("SELECT day::text FROM kpi_daily_totals"));
        Assert.Equal(1, (await fixture.SendAsync(new GetKpis.Query(October, November))).Totals.Cases);
    }

    [Fact]
    public async Task Truncating_the_cases_empties_the_totals_and_keeps_them_kept()
    {
        await CaseAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.Zero), new Random(5));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT sum(cases) FROM kpi_daily_changes"));

        await ExecuteAsync("TRUNCATE complaints CASCADE");

        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM kpi_daily_changes") + await ScalarAsync<long>("SELECT count(*) FROM kpi_daily_totals"));
        Assert.True(await WithTotalsAsync(t => t.AreCurrentAsync()));
        await CaseAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.Zero), new Random(5));
        Assert.Equal(1, (await fixture.SendAsync(new GetKpis.Query(October, November))).Totals.Cases);
    }

    [Fact]
    public async Task A_resolution_keeps_its_case_and_the_time_it_was_recorded()
    {
        var id = await CaseAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.Zero), new Random(11));
        await ExecuteAsync($"""
            INSERT INTO case_resolutions (complaint_id, resolved_by_id, resolved_at, department_id, met_deadline, at_first_contact)
            VALUES ({id}, '{_staff[0]}', '2026-10-15T09:00:00Z', {_departments[0]}, true, false)
            """);

        // Moving it would move its credit to another day (or case) behind the totals' back.
        var moved = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync($"UPDATE case_resolutions SET resolved_at = resolved_at + interval '1 day' WHERE complaint_id = {id}"));
        Assert.Contains("only its follow-up rating changes", moved.MessageText, StringComparison.Ordinal);
        await ExecuteAsync($"UPDATE case_resolutions SET satisfaction = 5 WHERE complaint_id = {id}");
        Assert.Equal(new GetKpis.Ratio(1, 1), (await fixture.SendAsync(new GetAgentPerformance.Query(October, November))).Single().CustomerSatisfaction);
    }

    /// <summary>Every period's whole KPI report and agent performance, as JSON, so two ways of reading compare figure by figure.</summary>
    private async Task<string> ReportsAsync()
    {
        var reports = new List<object>();
        foreach (var period in Periods())
        {
            reports.Add(await fixture.SendAsync(period));
            reports.Add(await fixture.SendAsync(new GetAgentPerformance.Query(period.From, period.To, period.DepartmentId)));
        }

        return JsonSerializer.Serialize(reports);
    }

    private async Task<long> CaseAsync(DateTimeOffset receivedAt, Random random, Channel? channel = null)
    {
        await using var db = fixture.CreateDbContext();
        var types = await db.ComplaintTypes.Select(t => t.Id).OrderBy(t => t).ToListAsync();
        var channels = Enum.GetValues<Channel>();
        var kinds = Enum.GetValues<CaseKind>();
        var logged = await fixture.SendAsync(CaseBuilder.Command(receivedAt, channel ?? channels[random.Next(channels.Length)], types[random.Next(types.Count)], CaseBuilder.Aisha) with
        {
            Kind = kinds[random.Next(kinds.Length)],
            Description = "Something went wrong.",
        });
        return logged.Id;
    }

    /// <summary>Random but possible facts: acknowledged or not, resolved or not, in time or late, paused, rated, reopened.</summary>
    private async Task FactsAsync(long id, Random random)
    {
        await using var db = fixture.CreateDbContext();
        var received = await db.Complaints.Where(c => c.Id == id).Select(c => c.ReceivedAt).SingleAsync();
        var acknowledged = random.Next(5) == 0 ? (DateTimeOffset?)null : received.AddHours(random.Next(1, 40));
        var resolved = acknowledged is null || random.Next(3) == 0 ? (DateTimeOffset?)null : received.AddHours(random.Next(2, 300));
        if (resolved > Now)
        {
            resolved = null;
        }

        var firstContact = resolved is not null && random.Next(4) == 0;
        var department = random.Next(3) == 0 ? (int?)null : _departments[random.Next(_departments.Length)];
        var assignee = random.Next(4) == 0 ? null : _staff[random.Next(_staff.Length)];
        int? ackMinutes = acknowledged is null ? null : random.Next(0, 900);
        int? resMinutes = resolved is null ? null : random.Next(0, 5000);
        int? satisfaction = resolved is null || random.Next(2) == 0 ? null : random.Next(1, 6);
        var reopened = resolved is not null && random.Next(6) == 0 ? 1 : 0;
        var paused = resolved is null && random.Next(4) == 0;
        await db.Complaints.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.DepartmentId, department)
            .SetProperty(c => c.AssigneeId, assignee)
            .SetProperty(c => c.AcknowledgeDue, received.AddHours(24))
            .SetProperty(c => c.ResolveDue, received.AddDays(7))
            .SetProperty(c => c.AcknowledgedAt, acknowledged)
            .SetProperty(c => c.AcknowledgedInBusinessMinutes, ackMinutes)
            .SetProperty(c => c.ResolvedAt, resolved)
            .SetProperty(c => c.ResolvedInBusinessMinutes, resMinutes)
            .SetProperty(c => c.Satisfaction, satisfaction)
            .SetProperty(c => c.ResolvedAtFirstContact, firstContact)
            .SetProperty(c => c.ReopenCount, reopened)
            .SetProperty(c => c.ResolutionPaused, paused));
        if (resolved is { } at)
        {
            // Its resolutions, each a record of who and when: a reopened case was resolved once before,
            // by either member of staff. Facts given again add resolutions, earlier or later than those
            // already there (and than a survey answer given meanwhile).
            var resolutions = reopened == 1 ? new[] { received.AddTicks((at - received).Ticks / 2), at } : [at];
            foreach (var when in resolutions)
            {
                var resolver = _staff[random.Next(_staff.Length)];
                var met = firstContact || when <= received.AddDays(7);
                var rating = when == at ? satisfaction : random.Next(3) == 0 ? random.Next(1, 6) : null;
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO case_resolutions (complaint_id, resolved_by_id, resolved_at, department_id, met_deadline, at_first_contact, satisfaction)
                    VALUES ({id}, {resolver}, {when}, {department}, {met}, {firstContact && when == at}, {rating})
                    """);
            }
        }
    }

    private async Task<T> WithTotalsAsync<T>(Func<KpiTotals, Task<T>> work)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<KpiTotals>());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
