using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Dashboard;

/// <summary>Bulk reassign on real PostgreSQL: the refer rule per case, a timeline entry each, skips named, supervisors only.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReassignCasesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private int _technical;
    private string _engineer = "";
    private DashboardTestData _data = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _technical = (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id;
        _engineer = (await seeder.EnsureStaffAsync("eli@example.test", "Eli Engineer", "A long password 2", StaffRoles.Agent, _technical)).Id;
        _data = new DashboardTestData(fixture);
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        fixture.CurrentUser.Actor = new("test-agent-id", "Alex Agent");
        return Task.CompletedTask;
    }

    private async Task<Complaint> StoredAsync(long id)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Id == id);
    }

    [Fact]
    public async Task A_supervisor_moves_each_case_with_its_own_timeline_entry_and_a_closed_one_is_skipped()
    {
        var first = await _data.LogAsync("first", ApplicationFixture.Now.AddDays(-3));
        var second = await _data.LogAsync("second", ApplicationFixture.Now.AddDays(-2));
        await _data.AcknowledgeAsync(second.Reference, _billing);
        var closed = await _data.LogAsync("closed", ApplicationFixture.Now.AddDays(-4));
        await _data.ResolveAsync(closed.Reference);
        await _data.CloseAsync(closed.Reference);
        fixture.CurrentUser.Supervises = true;
        fixture.CurrentUser.Actor = new(null, "Sam Supervisor");

        var summary = await fixture.SendAsync(new ReassignCases.Command([first.Id, second.Id, closed.Id], _technical, _engineer, "Needs an engineer"));

        Assert.Equal([first.Reference, second.Reference], summary.Reassigned);
        Assert.Equal("Eli Engineer (Technical)", summary.Owner);
        var skip = Assert.Single(summary.Skips);
        Assert.Equal(closed.Reference, skip.Reference);
        Assert.Contains("closed case cannot be referred", skip.Why, StringComparison.Ordinal);
        Assert.Equal($"2 cases reassigned to Eli Engineer (Technical); 1 skipped: {closed.Reference} (a closed case cannot be referred; reopen it first).", summary.Describe());

        foreach (var (id, from) in new[] { (first.Id, "Unassigned"), (second.Id, "Billing") })
        {
            var stored = await StoredAsync(id);
            Assert.Equal(_technical, stored.DepartmentId);
            Assert.Equal(_engineer, stored.AssigneeId);
            var entry = Assert.Single(stored.Timeline, e => e.Type == TimelineEventType.Referred);
            Assert.Equal("Referred to Eli Engineer (Technical): Needs an engineer", entry.Summary);
            Assert.Equal(from, entry.OldValue);
            Assert.Equal("Sam Supervisor", entry.ActorName);
        }

        var untouched = await StoredAsync(closed.Id);
        Assert.Null(untouched.DepartmentId);
        Assert.DoesNotContain(untouched.Timeline, e => e.Type == TimelineEventType.Referred);
    }

    [Fact]
    public async Task A_case_already_with_the_new_owner_is_skipped_and_the_rest_still_move()
    {
        var already = await _data.LogAsync("already there", ApplicationFixture.Now.AddDays(-1));
        await _data.AcknowledgeAsync(already.Reference, _technical);
        var other = await _data.LogAsync("other", ApplicationFixture.Now.AddDays(-1));
        fixture.CurrentUser.Supervises = true;

        var summary = await fixture.SendAsync(new ReassignCases.Command([already.Id, other.Id], _technical, null, null));

        Assert.Equal([other.Reference], summary.Reassigned);
        Assert.Equal("the case is already with that department and person", Assert.Single(summary.Skips).Why);
    }

    [Fact]
    public async Task An_agent_is_refused_and_nothing_moves()
    {
        var logged = await _data.LogAsync("mine", ApplicationFixture.Now.AddDays(-1));
        fixture.CurrentUser.Supervises = false;

        await Assert.ThrowsAsync<RequestNotPermittedException>(() => fixture.SendAsync(new ReassignCases.Command([logged.Id], _technical, null, null)));

        Assert.Null((await StoredAsync(logged.Id)).DepartmentId);
    }

    [Fact]
    public async Task A_person_outside_the_chosen_department_and_an_empty_selection_are_refused()
    {
        var logged = await _data.LogAsync("mine", ApplicationFixture.Now.AddDays(-1));
        fixture.CurrentUser.Supervises = true;

        var wrongPerson = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ReassignCases.Command([logged.Id], _billing, _engineer, null)));
        var nothingTicked = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ReassignCases.Command([], _billing, null, null)));

        Assert.Equal(nameof(ReassignCases.Command.AssigneeId), Assert.Single(wrongPerson.Errors).PropertyName);
        Assert.Contains(nothingTicked.Errors, e => e.ErrorMessage == "Tick the cases to reassign.");
        Assert.Null((await StoredAsync(logged.Id)).DepartmentId);
    }
}
