using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Dashboard;

/// <summary>The "Overdue now" panel on real PostgreSQL, with real deadlines from the seeded SLA table and a clock moved past them.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ListOverdueCasesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ApplicationFixture.Now;
    private int _billing;
    private string _agent = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _agent = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
    }

    public Task DisposeAsync()
    {
        fixture.Clock.AdjustTime(Now);
        return Task.CompletedTask;
    }

    private async Task<(long Id, string Reference)> LogAsync(string subject, DateTimeOffset receivedAt, string type = "Billing issues")
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == type).Select(t => t.Id).SingleAsync();
        var logged = await fixture.SendAsync(new LogComplaint.Command
        {
            ReceivedAt = receivedAt,
            Channel = Channel.Phone,
            Kind = CaseKind.Complaint,
            ComplaintTypeId = typeId,
            Priority = Priority.Normal,
            CustomerName = "Aisha Khan",
            CustomerEmail = "aisha@example.com",
            Subject = subject,
            Description = "Something went wrong.",
        });
        return (logged.Id, logged.Reference);
    }

    private async Task SetAsync(long id, string? assignee = null, int? department = null, CaseStatus? status = null)
    {
        await using var db = fixture.CreateDbContext();
        var current = await db.Complaints.Where(c => c.Id == id).Select(c => c.Status).SingleAsync();
        await db.Complaints.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.AssigneeId, assignee)
            .SetProperty(c => c.DepartmentId, department)
            .SetProperty(c => c.Status, status ?? current));
    }

    [Fact]
    public async Task Nothing_is_overdue_while_every_deadline_is_ahead()
    {
        await LogAsync("just in", Now);

        var panel = await fixture.SendAsync(new ListOverdueCases.Query());

        Assert.Equal(0, panel.Total);
        Assert.Empty(panel.Rows);
        Assert.Empty(panel.ByDepartment);
    }

    [Fact]
    public async Task Open_cases_past_a_deadline_are_listed_most_overdue_first_with_the_deadline_and_counts()
    {
        var oldest = await LogAsync("oldest", Now.AddDays(-3));
        var newer = await LogAsync("newer", Now.AddDays(-1), type: "Service outage");
        var resolved = await LogAsync("resolved", Now.AddDays(-4));
        var closed = await LogAsync("closed", Now.AddDays(-4));
        await SetAsync(oldest.Id, _agent, _billing);
        await SetAsync(resolved.Id, status: CaseStatus.Resolved);
        await SetAsync(closed.Id, status: CaseStatus.Closed);

        fixture.Clock.Advance(TimeSpan.FromDays(60));
        var fresh = await LogAsync("fresh", fixture.Clock.GetUtcNow());

        var panel = await fixture.SendAsync(new ListOverdueCases.Query());

        Assert.Equal([oldest.Reference, newer.Reference], panel.Rows.Select(r => r.Reference));
        Assert.DoesNotContain(panel.Rows, r => r.Reference == fresh.Reference);
        Assert.Equal(2, panel.Total);
        var first = panel.Rows[0];
        Assert.Equal("Acknowledge", first.Deadline);
        Assert.StartsWith("overdue by", first.Standing, StringComparison.Ordinal);
        Assert.Equal(fixture.Clock.GetUtcNow() - first.Due, first.OverdueBy);
        Assert.True(first.OverdueBy > panel.Rows[1].OverdueBy);
        Assert.Equal("Bea Biller", first.Assignee);
        Assert.Equal("Billing", first.Department);

        Assert.Equal([("Billing", 1), ("No department", 1)], panel.ByDepartment.Select(c => (c.Label, c.Cases)).OrderBy(c => c.Label));
        Assert.Equal([("Billing issues", 1), ("Service outage", 1)], panel.ByType.Select(c => (c.Label, c.Cases)).OrderBy(c => c.Label));
        Assert.Equal([("Bea Biller", 1), ("Unassigned", 1)], panel.ByAssignee.Select(c => (c.Label, c.Cases)).OrderBy(c => c.Label));
        Assert.Equal(_agent, panel.ByAssignee.Single(c => c.Label == "Bea Biller").Key);
        Assert.Null(panel.ByAssignee.Single(c => c.Label == "Unassigned").Key);
    }
}
