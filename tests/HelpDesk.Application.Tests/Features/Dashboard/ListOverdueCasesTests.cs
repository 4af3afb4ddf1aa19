using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
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
        // The agent the test acts as works in Billing, where its cases are referred (an agent acts on their own department's cases).
        fixture.CurrentUser.DepartmentId = _billing;
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
        var logged = await fixture.SendAsync(CaseBuilder.Command(receivedAt, Channel.Phone, typeId, CaseBuilder.Aisha) with
        {
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
        var closed = await LogAsync("closed", Now.AddDays(-4));
        await SetAsync(oldest.Id, _agent, _billing);
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

    [Fact]
    public async Task Acknowledgement_resolution_and_follow_up_deadlines_are_ordered_by_how_long_ago_they_passed_and_match_the_overdue_queue()
    {
        var data = new DashboardTestData(fixture);

        // Twenty days ago: one case acknowledged (its resolution clock runs, 3 working days), one resolved
        // (its follow-up clock runs, 7 working days), and cases whose clocks all stopped.
        fixture.Clock.AdjustTime(Now.AddDays(-20));
        var resolveLate = await data.LogAsync("resolution late", Now.AddDays(-20));
        await data.AcknowledgeAsync(resolveLate.Reference, _billing, _agent);
        var followUpLate = await data.LogAsync("follow-up late", Now.AddDays(-20));
        await data.ResolveAsync(followUpLate.Reference);
        var followedUp = await data.LogAsync("followed up", Now.AddDays(-20));
        await data.ResolveAsync(followedUp.Reference);
        await data.RecordFollowUpAsync(followedUp.Reference);
        var closed = await data.LogAsync("closed", Now.AddDays(-20));
        await data.ResolveAsync(closed.Reference);
        await data.CloseAsync(closed.Reference);
        var waiting = await data.LogAsync("waiting on the customer", Now.AddDays(-20));
        await data.AcknowledgeAsync(waiting.Reference, _billing);
        await data.WaitOnCustomerAsync(waiting.Reference);

        // Now: one received two days ago and never acknowledged (24 elapsed hours).
        fixture.Clock.AdjustTime(Now);
        var acknowledgeLate = await data.LogAsync("acknowledgement late", Now.AddDays(-2));

        var panel = await fixture.SendAsync(new ListOverdueCases.Query());

        Assert.Equal([resolveLate.Reference, followUpLate.Reference, acknowledgeLate.Reference], panel.Rows.Select(r => r.Reference));
        Assert.Equal(["Resolve", "Follow up", "Acknowledge"], panel.Rows.Select(r => r.Deadline));
        Assert.Equal([CaseStatus.Acknowledged, CaseStatus.Resolved, CaseStatus.Logged], panel.Rows.Select(r => r.Status));
        Assert.True(panel.Rows[0].Due < panel.Rows[1].Due && panel.Rows[1].Due < panel.Rows[2].Due);
        Assert.All(panel.Rows, r => Assert.StartsWith("overdue by", r.Standing, StringComparison.Ordinal));
        Assert.Contains("working day", panel.Rows[0].Standing, StringComparison.Ordinal);
        Assert.Equal(3, panel.Total);

        // The counts' links open the overdue queue: it must list exactly the cases counted.
        var queue = await fixture.SendAsync(new HelpDesk.Application.Features.Workspace.ListCases.Query { Queue = "overdue", Size = 200 });
        Assert.Equal(panel.Rows.Select(r => r.Reference), queue.Rows.Select(r => r.Reference));
        var billingQueue = await fixture.SendAsync(new HelpDesk.Application.Features.Workspace.ListCases.Query { Queue = "overdue", Department = _billing.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(panel.ByDepartment.Single(c => c.Label == "Billing").Cases, billingQueue.Rows.Count);
        Assert.Equal([resolveLate.Reference], billingQueue.Rows.Select(r => r.Reference));

        // "No department" and "Unassigned" link to the queue's none filters: the same cases again.
        var noDepartmentQueue = await fixture.SendAsync(new HelpDesk.Application.Features.Workspace.ListCases.Query { Queue = "overdue", Department = "none" });
        Assert.Equal(panel.ByDepartment.Single(c => c.Key is null).Cases, noDepartmentQueue.Rows.Count);
        Assert.Equal(panel.Rows.Where(r => r.Department is null).Select(r => r.Reference), noDepartmentQueue.Rows.Select(r => r.Reference));
        Assert.Contains(acknowledgeLate.Reference, noDepartmentQueue.Rows.Select(r => r.Reference));
        var unassignedQueue = await fixture.SendAsync(new HelpDesk.Application.Features.Workspace.ListCases.Query { Queue = "overdue", Assignee = "none" });
        Assert.Equal(panel.ByAssignee.Single(c => c.Key is null).Cases, unassignedQueue.Rows.Count);
        Assert.Equal(panel.Rows.Where(r => r.Assignee is null).Select(r => r.Reference), unassignedQueue.Rows.Select(r => r.Reference));
        Assert.Contains(acknowledgeLate.Reference, unassignedQueue.Rows.Select(r => r.Reference));
        Assert.DoesNotContain(resolveLate.Reference, unassignedQueue.Rows.Select(r => r.Reference));
    }

    [Fact]
    public async Task The_export_limit_lists_more_than_the_panel_shows()
    {
        for (var i = 0; i < 3; i++)
        {
            await LogAsync($"late {i}", Now.AddDays(-3 - i));
        }

        var panel = await fixture.SendAsync(new ListOverdueCases.Query(Limit: 2));
        var export = await fixture.SendAsync(new ListOverdueCases.Query(ListOverdueCases.ExportLimit));

        Assert.Equal(2, panel.Rows.Count);
        Assert.Equal(3, panel.Total);
        Assert.Equal(3, export.Rows.Count);
        Assert.Equal("late 2", export.Rows[0].Subject);
    }
}
