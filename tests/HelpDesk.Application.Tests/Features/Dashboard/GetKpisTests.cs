using FluentValidation;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Reporting;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Dashboard;

/// <summary>
/// Every KPI on real PostgreSQL over a hand-built October 2026 (London: BST until the 25th). Cases are
/// logged through the real handler, then given known facts (when acknowledged and resolved, against
/// which deadlines, in how many business minutes, satisfaction), so each expected figure is worked out
/// below from the table in <see cref="BuildOctoberAsync"/>.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class GetKpisTests(ApplicationFixture fixture) : IAsyncLifetime
{
    // October 2026 in London: 1 October 00:00 BST is 30 September 23:00 UTC; 1 November 00:00 is GMT.
    private static readonly DateTimeOffset October = new(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(1));
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = ApplicationFixture.Now;

    private int _billing;
    private int _technical;
    private string _bea = "";
    private string _tom = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _technical = (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id;
        _bea = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
        _tom = (await seeder.EnsureStaffAsync("tom@example.test", "Tom Tech", "A long password 1", StaffRoles.Agent, _technical)).Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// <code>
    /// case received  kind      channel  type     dept  ack (due +24h)      resolved (due +7d)         satisfaction
    /// A    Mon 5 Oct Complaint Email    Billing  Bill  +1h met, 60 min     +2d met, 600 min           follow-up 5, survey 2 / NPS 10
    /// B    Tue 6 Oct Complaint Phone    Billing  Bill  first contact, 0    first contact, 0           follow-up 4
    /// C    Tue 13    Question  WebForm  Outage   Bill  +30h missed, 180    +10d missed, 3000, reopened survey 5 / NPS 6
    /// D    Tue 20    Complaint LiveChat Defects  Bill  +2h met, 120        open, due 27 Oct: missed   -
    /// E    Tue 27    Complaint Phone    Billing  Bill  +1h met, 60         open, paused: undecided    -
    /// F    Sat 31    Complaint Phone    Billing  Bill  open, due ahead     open, due ahead            -
    /// G    Wed 14    Complaint Email    Billing  Tech  +1h met, 30         +1d met, 240               follow-up 3, survey 3 / NPS 9
    /// outside: 29 Sep and 2 Nov (not counted); October 2025: 8 complaints and 1 question, all Billing.
    /// </code>
    /// A, B, C were resolved by Bea, G by Tom; D is Bea's but not resolved.
    /// </summary>
    private async Task BuildOctoberAsync()
    {
        var day = new DateTimeOffset(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);
        var a = await CaseAsync(day, Channel.Email);
        await FactsAsync(a, _billing, _bea, ack: day.AddHours(1), ackMinutes: 60, resolved: day.AddDays(2), resMinutes: 600, satisfaction: 5);
        await SurveyAsync(a, 2, 10);

        var b = await CaseAsync(day.AddDays(1), Channel.Phone);
        await FactsAsync(b, _billing, _bea, ack: day.AddDays(1), ackMinutes: 0, resolved: day.AddDays(1), resMinutes: 0, satisfaction: 4, firstContact: true);

        var c = await CaseAsync(day.AddDays(8), Channel.WebForm, CaseKind.Question, "Service outage");
        await FactsAsync(c, _billing, _bea, ack: day.AddDays(8).AddHours(30), ackMinutes: 180, resolved: day.AddDays(18), resMinutes: 3000, reopened: 1);
        await SurveyAsync(c, 5, 6);

        var d = await CaseAsync(day.AddDays(15), Channel.LiveChat, type: "Product defects");
        await FactsAsync(d, _billing, _bea, ack: day.AddDays(15).AddHours(2), ackMinutes: 120);

        var e = await CaseAsync(day.AddDays(22), Channel.Phone);
        await FactsAsync(e, _billing, null, ack: day.AddDays(22).AddHours(1), ackMinutes: 60, paused: true);

        var f = await CaseAsync(day.AddDays(26), Channel.Phone);
        await FactsAsync(f, _billing, null, ackDue: Now.AddHours(1), resolveDue: Now.AddDays(7));

        var g = await CaseAsync(day.AddDays(9), Channel.Email);
        await FactsAsync(g, _technical, _tom, ack: day.AddDays(9).AddHours(1), ackMinutes: 30, resolved: day.AddDays(10), resMinutes: 240, satisfaction: 3);
        await SurveyAsync(g, 3, 9);

        await CaseAsync(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero), Channel.Email);
        await CaseAsync(new DateTimeOffset(2026, 11, 2, 12, 0, 0, TimeSpan.Zero), Channel.Email);
        for (var i = 0; i < 8; i++)
        {
            await FactsAsync(await CaseAsync(new DateTimeOffset(2025, 10, 2 + (3 * i), 12, 0, 0, TimeSpan.Zero), Channel.Phone), _billing, null);
        }

        await FactsAsync(await CaseAsync(new DateTimeOffset(2025, 10, 9, 12, 0, 0, TimeSpan.Zero), Channel.Phone, CaseKind.Question), _billing, null);
    }

    [Fact]
    public async Task Each_kpi_of_a_month_is_worked_out_from_the_cases_received_in_it()
    {
        await BuildOctoberAsync();

        var report = await fixture.SendAsync(new GetKpis.Query(October, November));
        var t = report.Totals;

        // A-G: seven cases, of which six complaints (C is a question). The 29 Sep and 2 Nov cases are outside.
        Assert.Equal(7, t.Cases);
        Assert.Equal(6, t.Complaints);

        // Acknowledgement decided for all but F (due ahead): 6. Met: A, B (first contact), D, E, G = 5. 5/6 = 83.3%.
        Assert.Equal(new GetKpis.Ratio(5, 6), t.AcknowledgementCompliance);
        Assert.Equal(83.3m, t.AcknowledgementCompliance.Percent);

        // Resolution decided: A, B, C, G (resolved) and D (open past due, clock running); E is paused, F not due. Met: A, B, G = 3 of 5.
        Assert.Equal(new GetKpis.Ratio(3, 5), t.ResolutionCompliance);
        Assert.Equal(60m, t.ResolutionCompliance.Percent);

        // FCR: B of the four resolved (A, B, C, G) = 25%.
        Assert.Equal(new GetKpis.Ratio(1, 4), t.FirstContactResolution);
        Assert.Equal(25m, t.FirstContactResolution.Percent);

        // To acknowledge: (60 + 0 + 180 + 120 + 60 + 30) / 6 = 75 minutes = 1.25 h, shown as 1.3.
        Assert.Equal(new GetKpis.Average(1.3m, 6), t.AcknowledgeHours);

        // To resolve: (600 + 0 + 3000 + 240) / 4 = 960 minutes = 16 h.
        Assert.Equal(new GetKpis.Average(16m, 4), t.ResolveHours);

        // Online channels (email, web form, live chat): A 60, C 180, D 120, G 30 = 390 / 4 = 97.5 min = 1.625 h, shown as 1.6.
        Assert.Equal(new GetKpis.Average(1.6m, 4), t.OnlineResponseHours);

        // Reopened: C, of the four ever resolved = 25%.
        Assert.Equal(new GetKpis.Ratio(1, 4, KpiDirection.AtMost), t.ReopenRate);

        // CSAT, the survey answer over the follow-up one: A 2, B 4, C 5, G 3. Satisfied (4-5): B, C = 2 of 4 = 50%.
        Assert.Equal(new GetKpis.Ratio(2, 4), t.CustomerSatisfaction);
        Assert.Equal(50m, t.CustomerSatisfaction.Percent);

        // NPS from the survey: A 10 and G 9 promoters, C 6 detractor: (2 - 1) / 3 = 33.3.
        Assert.Equal(new GetKpis.NetPromoter(2, 1, 3), t.NetPromoterScore);
        Assert.Equal(33.3m, t.NetPromoterScore.Score);

        // Six complaints against eight in October 2025 (the question does not count): -25%, within the -10% target.
        Assert.Equal(8, report.ComplaintsYearBefore);
        Assert.Equal(-25m, report.ComplaintVolumeChange);

        // Against the policy's targets.
        var kpis = report.Kpis.ToDictionary(k => k.Measure);
        Assert.Equal((83.3m, 95m, false), (kpis[KpiMeasure.AcknowledgementCompliance].Value!.Value, kpis[KpiMeasure.AcknowledgementCompliance].Target!.Value, kpis[KpiMeasure.AcknowledgementCompliance].Met!.Value));
        Assert.Equal((25m, 85m, false), (kpis[KpiMeasure.FirstContactResolution].Value!.Value, kpis[KpiMeasure.FirstContactResolution].Target!.Value, kpis[KpiMeasure.FirstContactResolution].Met!.Value));
        Assert.Equal((1.6m, 2m, true), (kpis[KpiMeasure.OnlineResponseTime].Value!.Value, kpis[KpiMeasure.OnlineResponseTime].Target!.Value, kpis[KpiMeasure.OnlineResponseTime].Met!.Value));
        Assert.Equal((-25m, -10m, true), (kpis[KpiMeasure.ComplaintVolumeChange].Value!.Value, kpis[KpiMeasure.ComplaintVolumeChange].Target!.Value, kpis[KpiMeasure.ComplaintVolumeChange].Met!.Value));
        Assert.False(kpis[KpiMeasure.CustomerSatisfaction].Met);
        Assert.Null(kpis[KpiMeasure.ReopenRate].Target);
        Assert.Null(kpis[KpiMeasure.ReopenRate].Met);
        Assert.Equal(25m, kpis[KpiMeasure.ReopenRate].Value);

        // Volume: email A, G; phone B, E, F; web form C; live chat D.
        var byChannel = report.ByChannel.ToDictionary(v => v.Label, v => v.Cases);
        Assert.Equal(7, byChannel.Count);
        Assert.Equal((2, 3, 1, 1, 0), (byChannel["Email"], byChannel["Phone"], byChannel["Web form"], byChannel["Live chat"], byChannel["Postal mail"]));
        Assert.Equal([("Billing issues", 5), ("Product defects", 1), ("Service outage", 1)], report.ByType.Select(v => (v.Label, v.Cases)));
    }

    [Fact]
    public async Task The_trend_has_every_week_of_the_period_with_its_own_figures()
    {
        await BuildOctoberAsync();

        var report = await fixture.SendAsync(new GetKpis.Query(October, November));

        // A 31-day period goes by week (from Monday, local): 28 Sep (1-4 Oct: none), 5, 12, 19 and 26 October.
        Assert.Equal("week", report.TrendUnit);
        Assert.Equal(
            [new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 12), new DateOnly(2026, 10, 19), new DateOnly(2026, 10, 26)],
            report.Trend.Select(p => p.Start));
        Assert.Equal([0, 2, 2, 1, 2], report.Trend.Select(p => p.Figures.Cases));
        Assert.Null(report.Trend[0].Figures.AcknowledgementCompliance.Percent);

        // Week of 12 Oct: C missed its acknowledgement, G met it = 50%; both resolved, only G in time = 50%.
        Assert.Equal(50m, report.Trend[2].Figures.AcknowledgementCompliance.Percent);
        Assert.Equal(new GetKpis.Ratio(1, 2), report.Trend[2].Figures.ResolutionCompliance);

        // Week of 19 Oct: D alone, open past its resolution deadline = 0%.
        Assert.Equal(0m, report.Trend[3].Figures.ResolutionCompliance.Percent);

        // The weeks add up to the period.
        Assert.Equal(report.Totals.Cases, report.Trend.Sum(p => p.Figures.Cases));

        // A year is charted by month.
        var year = await fixture.SendAsync(new GetKpis.Query(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("month", year.TrendUnit);
        Assert.Equal(12, year.Trend.Count);
        Assert.Equal(7, year.Trend.Single(p => p.Start == new DateOnly(2026, 10, 1)).Figures.Cases);
    }

    [Fact]
    public async Task A_department_sees_only_its_own_cases()
    {
        await BuildOctoberAsync();

        var report = await fixture.SendAsync(new GetKpis.Query(October, November, _technical));
        var t = report.Totals;

        // Only G: acknowledged and resolved in time, not at first contact, satisfaction 3, NPS 9.
        Assert.Equal((1, 1), (t.Cases, t.Complaints));
        Assert.Equal(100m, t.AcknowledgementCompliance.Percent);
        Assert.Equal(100m, t.ResolutionCompliance.Percent);
        Assert.Equal(0m, t.FirstContactResolution.Percent);
        Assert.Equal(0m, t.CustomerSatisfaction.Percent);
        Assert.Equal(100m, t.NetPromoterScore.Score);
        Assert.Equal(new GetKpis.Average(0.5m, 1), t.AcknowledgeHours);

        // No Technical complaints a year before: no change to judge, rather than a division by zero.
        Assert.Equal(0, report.ComplaintsYearBefore);
        Assert.Null(report.ComplaintVolumeChange);
        Assert.Null(report.Kpis.Single(k => k.Measure == KpiMeasure.ComplaintVolumeChange).Met);

        var billing = await fixture.SendAsync(new GetKpis.Query(October, November, _billing));
        Assert.Equal(6, billing.Totals.Cases);
        Assert.Equal(8, billing.ComplaintsYearBefore);
    }

    [Fact]
    public async Task A_period_without_cases_has_no_data_rather_than_zero_percent()
    {
        await BuildOctoberAsync();

        var report = await fixture.SendAsync(new GetKpis.Query(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.False(report.HasData);
        Assert.Equal(0, report.Totals.Cases);
        Assert.All(report.Kpis, k => Assert.Null(k.Value));
        Assert.All(report.Kpis, k => Assert.Null(k.Met));
        Assert.Null(report.Totals.AcknowledgeHours.Hours);
        Assert.All(report.Trend, p => Assert.Equal(0, p.Figures.Cases));
        Assert.Empty(report.ByType);
    }

    [Fact]
    public async Task A_period_that_ends_before_it_starts_is_refused()
    {
        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new GetKpis.Query(November, October)));
        Assert.Contains(failure.Errors, e => e.ErrorMessage == "The end of the period must be after its start.");
    }

    [Fact]
    public async Task Agent_performance_counts_the_cases_each_resolved_in_the_period()
    {
        await BuildOctoberAsync();

        var rows = await fixture.SendAsync(new GetAgentPerformance.Query(October, November));

        // Bea resolved A (in time), B (first contact) and C (late); D is hers but open. Tom resolved G in time.
        Assert.Equal(["Bea Biller", "Tom Tech"], rows.Select(r => r.Name));
        var bea = rows[0];
        Assert.Equal(3, bea.CasesResolved);
        Assert.Equal(new GetKpis.Ratio(2, 3), bea.ResolutionCompliance);
        Assert.Equal(66.6m, bea.ResolutionCompliance.Percent);
        Assert.Equal(new GetKpis.Ratio(1, 3), bea.FirstContactResolution);

        // Satisfaction A 2 (survey over follow-up 5), B 4, C 5: two of three satisfied.
        Assert.Equal(new GetKpis.Ratio(2, 3), bea.CustomerSatisfaction);
        Assert.Equal("Billing", bea.Department);
        var tom = rows[1];
        Assert.Equal((1, 100m, 0m), (tom.CasesResolved, tom.ResolutionCompliance.Percent!.Value, tom.CustomerSatisfaction.Percent!.Value));

        var technical = await fixture.SendAsync(new GetAgentPerformance.Query(October, November, _technical));
        Assert.Equal(["Tom Tech"], technical.Select(r => r.Name));
        Assert.Empty(await fixture.SendAsync(new GetAgentPerformance.Query(November, November.AddMonths(1))));
    }

    [Fact]
    public async Task A_rounded_figure_never_claims_a_target_met()
    {
        // Two of three acknowledged in time: 66.67 %, which rounds to the 66.7 % target but falls short of it.
        var day = new DateTimeOffset(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);
        foreach (var (hours, i) in new[] { 1, 2, 30 }.Select((h, i) => (h, i)))
        {
            var id = await CaseAsync(day.AddDays(i), Channel.Phone);
            await FactsAsync(id, _billing, _bea, ack: day.AddDays(i).AddHours(hours), ackMinutes: 60 * hours);
        }

        await using (var db = fixture.CreateDbContext())
        {
            await db.KpiTargets.Where(t => t.Measure == KpiMeasure.AcknowledgementCompliance).ExecuteUpdateAsync(u => u.SetProperty(t => t.Target, 66.7m));
        }

        var report = await fixture.SendAsync(new GetKpis.Query(October, November));

        var acknowledged = report.Kpis.Single(k => k.Measure == KpiMeasure.AcknowledgementCompliance);
        Assert.Equal((66.6m, 66.7m, false), (acknowledged.Value!.Value, acknowledged.Target!.Value, acknowledged.Met!.Value));
        Assert.Equal(66.6m, report.Totals.AcknowledgementCompliance.Percent);
        Assert.Equal(66.6m, report.Trend.Single(p => p.Figures.Cases > 0).Figures.AcknowledgementCompliance.Percent);

        // The figures: 2,404 of 2,405 is 99.958 %, shown 99.9 %; 99.96 % too; a score floors the same way.
        Assert.Equal(99.9m, new GetKpis.Ratio(2404, 2405).Percent);
        Assert.Equal(99.9m, new GetKpis.Ratio(9996, 10000).Percent);
        Assert.Equal(100m, new GetKpis.Ratio(2405, 2405).Percent);
        Assert.Equal(-33.4m, new GetKpis.NetPromoter(1, 2, 3).Score);
        // Where less is better the figure is cut up instead: a 5.04 % reopen rate never shows as the 5.0 % it missed.
        Assert.Equal(5.1m, new GetKpis.Ratio(504, 10000, KpiDirection.AtMost).Percent);
        Assert.Equal(5m, new GetKpis.Ratio(500, 10000, KpiDirection.AtMost).Percent);
        Assert.Equal(-9.9m, Percentage.Shown(-9.96m, KpiDirection.AtMost));
        Assert.Equal(-10m, Percentage.Shown(-9.96m));
    }

    [Fact]
    public async Task A_rounded_figure_where_less_is_better_never_claims_a_target_met()
    {
        // One reopened of three resolved: 33.33 %, against an "at most 33.3 %" target, shows 33.4 % and misses.
        var day = new DateTimeOffset(2026, 10, 5, 12, 0, 0, TimeSpan.Zero);
        foreach (var i in Enumerable.Range(0, 3))
        {
            var id = await CaseAsync(day.AddDays(i), Channel.Phone);
            await FactsAsync(id, _billing, _bea, ack: day.AddDays(i).AddHours(1), ackMinutes: 60, resolved: day.AddDays(i).AddHours(2), resMinutes: 120, reopened: i == 0 ? 1 : 0);
        }

        await using (var db = fixture.CreateDbContext())
        {
            await db.KpiTargets.Where(t => t.Measure == KpiMeasure.ReopenRate).ExecuteUpdateAsync(u => u.SetProperty(t => t.Target, 33.3m));
        }

        var report = await fixture.SendAsync(new GetKpis.Query(October, November));

        var reopens = report.Kpis.Single(k => k.Measure == KpiMeasure.ReopenRate);
        Assert.Equal((33.4m, 33.3m, false), (reopens.Value!.Value, reopens.Target!.Value, reopens.Met!.Value));
        Assert.Equal(33.4m, report.Totals.ReopenRate.Percent);
    }

    private async Task<long> CaseAsync(DateTimeOffset receivedAt, Channel channel, CaseKind kind = CaseKind.Complaint, string type = "Billing issues")
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == type).Select(t => t.Id).SingleAsync();
        // Logging backdates at most a year: older cases are logged now and moved back.
        var backdate = receivedAt < Now.AddDays(-365);
        var logged = await fixture.SendAsync(CaseBuilder.Command(backdate ? Now : receivedAt, channel, typeId, CaseBuilder.Aisha) with
        {
            Kind = kind,
            Description = "Something went wrong.",
        });
        if (backdate)
        {
            await db.Complaints.Where(c => c.Id == logged.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReceivedAt, receivedAt));
        }

        return logged.Id;
    }

    /// <summary>Gives a logged case known facts; deadlines are its received-at + 24 hours and + 7 days unless given.</summary>
    private async Task FactsAsync(
        long id, int department, string? assignee, DateTimeOffset? ack = null, int? ackMinutes = null, DateTimeOffset? resolved = null, int? resMinutes = null,
        int? satisfaction = null, bool firstContact = false, int reopened = 0, bool paused = false, DateTimeOffset? ackDue = null, DateTimeOffset? resolveDue = null)
    {
        await using var db = fixture.CreateDbContext();
        var received = await db.Complaints.Where(c => c.Id == id).Select(c => c.ReceivedAt).SingleAsync();
        var status = resolved is not null ? CaseStatus.Resolved : paused ? CaseStatus.WaitingOnCustomer : ack is not null ? CaseStatus.Acknowledged : CaseStatus.Logged;
        await db.Complaints.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.DepartmentId, department)
            .SetProperty(c => c.AssigneeId, assignee)
            .SetProperty(c => c.Status, status)
            .SetProperty(c => c.AcknowledgeDue, ackDue ?? received.AddHours(24))
            .SetProperty(c => c.ResolveDue, resolveDue ?? received.AddDays(7))
            .SetProperty(c => c.AcknowledgedAt, ack)
            .SetProperty(c => c.AcknowledgedInBusinessMinutes, ackMinutes)
            .SetProperty(c => c.ResolvedAt, resolved)
            .SetProperty(c => c.ResolvedInBusinessMinutes, resMinutes)
            .SetProperty(c => c.Satisfaction, satisfaction)
            .SetProperty(c => c.ResolvedAtFirstContact, firstContact)
            .SetProperty(c => c.ReopenCount, reopened)
            .SetProperty(c => c.ResolutionPaused, paused));
        if (resolved is not null && assignee is not null)
        {
            // Its resolution, recorded by its assignee.
            var met = firstContact || resolved <= (resolveDue ?? received.AddDays(7));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO case_resolutions (complaint_id, resolved_by_id, resolved_at, department_id, met_deadline, at_first_contact, satisfaction)
                VALUES ({id}, {assignee}, {resolved}, {department}, {met}, {firstContact}, {satisfaction})
                """);
        }
    }

    private async Task SurveyAsync(long id, int csat, int? nps)
    {
        await using var db = fixture.CreateDbContext();
        db.SurveyResponses.Add(SurveyResponse.Answer(id, csat, nps, null, Now));
        await db.SaveChangesAsync();
    }
}
