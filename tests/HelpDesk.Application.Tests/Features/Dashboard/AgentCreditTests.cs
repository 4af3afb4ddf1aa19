using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Dashboard;

/// <summary>
/// Agent performance credits whoever recorded each resolution, when they recorded it, in the
/// department the case was with then: not the case's holder now. docs/kpis.md, "Agent performance".
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class AgentCreditTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ApplicationFixture.Now;

    private int _billing;
    private int _technical;
    private Actor _bea = null!;
    private Actor _tom = null!;
    private Actor _sam = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _technical = (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id;
        _bea = new((await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id, "Bea Biller");
        _tom = new((await seeder.EnsureStaffAsync("tom@example.test", "Tom Tech", "A long password 2", StaffRoles.Agent, _technical)).Id, "Tom Tech");
        _sam = new((await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "A long password 3", StaffRoles.Supervisor, _billing)).Id, "Sam Supervisor");
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Actor = new("test-agent-id", "Alex Agent");
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Agent_performance_credits_the_staff_member_who_recorded_each_resolution_and_keeps_both_of_a_reopened_case()
    {
        // Bea resolves a Billing case; it is reopened and referred to Tom in Technical, who resolves it again.
        var reopened = await LogAsync();
        As(_bea);
        await fixture.SendAsync(new AcknowledgeCase.Command(reopened, null, AcknowledgementMethod.Verbal, _billing, _bea.Id, null));
        await ResolveAsync(reopened);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        As(_sam, supervises: true);
        await fixture.SendAsync(new ReopenCase.Command(reopened, "The refund did not arrive."));
        await fixture.SendAsync(new ReferCase.Command(reopened, _technical, _tom.Id, "A fault in the payment system."));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        As(_tom);
        await ResolveAsync(reopened);

        // Tom holds a second case, but his supervisor Sam records its resolution.
        var covered = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(covered, null, AcknowledgementMethod.Verbal, _technical, _tom.Id, null));
        As(_sam, supervises: true);
        await ResolveAsync(covered);

        foreach (var totalsKept in new[] { false, true })
        {
            await using (var scope = fixture.Services.CreateAsyncScope())
            {
                var totals = scope.ServiceProvider.GetRequiredService<KpiTotals>();
                if (totalsKept)
                {
                    await totals.EnsureBuiltAsync();
                }
                else
                {
                    await using var db = fixture.CreateDbContext();
                    await db.Database.ExecuteSqlRawAsync("DELETE FROM kpi_totals_state");
                }
            }

            var rows = await fixture.SendAsync(new GetAgentPerformance.Query(Now.AddDays(-1), Now.AddDays(5)));

            Assert.Equal(
                [("Bea Biller", 1), ("Sam Supervisor", 1), ("Tom Tech", 1)],
                rows.Select(r => (r.Name, r.CasesResolved)).OrderBy(r => r.Name, StringComparer.Ordinal));
            // Bea's resolution stays Billing's though the case is now Technical's.
            var billing = await fixture.SendAsync(new GetAgentPerformance.Query(Now.AddDays(-1), Now.AddDays(5), _billing));
            Assert.Equal(["Bea Biller"], billing.Select(r => r.Name));
            // Credited on the day each was recorded: only Bea's resolution falls on the first day.
            var firstDay = await fixture.SendAsync(new GetAgentPerformance.Query(Now.AddHours(-1), Now.AddHours(12)));
            Assert.Equal(["Bea Biller"], firstDay.Select(r => r.Name));
        }
    }

    private void As(Actor actor, bool supervises = false)
    {
        fixture.CurrentUser.Actor = actor;
        fixture.CurrentUser.Supervises = supervises;
    }

    private async Task<string> LogAsync()
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(fixture.Clock.GetUtcNow(), Channel.Phone, typeId, CaseBuilder.Aisha))).Reference;
    }

    private async Task ResolveAsync(string reference) =>
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Email));
}
