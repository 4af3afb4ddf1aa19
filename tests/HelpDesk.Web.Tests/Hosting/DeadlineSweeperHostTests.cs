using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// The sweeper as the real host runs it: registered, configured from HelpDesk:Sweeper, sweeping at
/// start and again each interval on the host's clock (a fake one here, moved by the test).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DeadlineSweeperHostTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A critical case (24/7: acknowledgement due in 1 hour, resolution in 6) received at <paramref name="at"/>, nobody on it yet.</summary>
    private async Task<string> LogCriticalAsync(DateTimeOffset at)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var type = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var row = (await scope.ServiceProvider.GetRequiredService<SlaPolicy>().CurrentTableAsync(CancellationToken.None)).RowFor(type, Priority.Critical);
        var complaint = Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(at, Channel.Phone, CaseKind.Complaint, type, Priority.Critical, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "No power", "Since this morning."),
            row,
            new Actor(null, "Test"),
            at);
        db.Complaints.Add(complaint);
        await db.SaveChangesAsync();
        return complaint.Reference;
    }

    private async Task<Complaint> WhenAsync(string reference, Func<Complaint, bool> done, Action? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            await using (var db = fixture.CreateDbContext())
            {
                var stored = await db.Complaints.AsNoTracking().SingleAsync(c => c.Reference == reference);
                if (done(stored))
                {
                    return stored;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The sweeper did not reach the expected state in time.");
            meanwhile?.Invoke();
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_host_sweeps_at_start_and_again_after_each_interval_on_its_clock()
    {
        var reference = await LogCriticalAsync(Wednesday);
        var clock = new FakeTimeProvider(Wednesday.AddHours(1).AddMinutes(30));
        await using var app = new HelpDeskApp(fixture.ConnectionString, clock, new Dictionary<string, string?>
        {
            ["HelpDesk:Sweeper:Enabled"] = "true",
            ["HelpDesk:Sweeper:Interval"] = "00:05:00",
        });
        app.StartServer();

        var atStart = await WhenAsync(reference, c => c.AcknowledgementBreachedAt is not null);
        Assert.Equal(Wednesday.AddHours(1).AddMinutes(30), atStart.AcknowledgementBreachedAt);
        Assert.Null(atStart.ResolutionBreachedAt);

        // Past the resolution deadline; then the host's clock moves on an interval at a time (the
        // sweeper may still be finishing its first pass), and a later sweep escalates.
        clock.Advance(TimeSpan.FromHours(5));
        var escalated = await WhenAsync(reference, c => c.EscalationTier == 2, () => clock.Advance(TimeSpan.FromMinutes(5)));

        Assert.NotNull(escalated.ResolutionBreachedAt);
        await using var db = fixture.CreateDbContext();
        var admin = await db.Users.Where(u => u.Email == WebFixture.AdminEmail).Select(u => u.Id).SingleAsync();
        // No supervisor exists here, so the tier-2 owner is the administrator.
        Assert.Equal(admin, escalated.AssigneeId);
        Assert.Equal(WebFixture.AdminEmail, (await db.OutboxMessages.SingleAsync(m => m.CaseId == escalated.Id)).RecipientAddress);
    }
}
