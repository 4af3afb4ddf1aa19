using FluentValidation;
using HelpDesk.Application.Features.Workspace;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Workspace;

/// <summary>The queues on real PostgreSQL: who sees what, the filters, and keyset paging in deadline order.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ListCasesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ApplicationFixture.Now;
    private int _billing;
    private int _technical;
    private string _agent = "";
    private string _otherAgent = "";
    private string _supervisor = "";
    private string _administrator = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _technical = (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id;
        _agent = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
        _otherAgent = (await seeder.EnsureStaffAsync("eli@example.test", "Eli Engineer", "A long password 2", StaffRoles.Agent, _technical)).Id;
        _supervisor = (await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "A long password 3", StaffRoles.Supervisor, _billing)).Id;
        _administrator = (await seeder.EnsureStaffAsync("ada@example.test", "Ada Administrator", "A long password 4", StaffRoles.Administrator)).Id;
        ActAs(_agent);
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Actor = new Actor("test-agent-id", "Alex Agent");
        return Task.CompletedTask;
    }

    private void ActAs(string id) => fixture.CurrentUser.Actor = new Actor(id, "Someone");

    private async Task<long> CaseAsync(
        string subject,
        DateTimeOffset? due,
        string? assignee = null,
        int? department = null,
        int tier = 1,
        CaseStatus status = CaseStatus.Acknowledged,
        Priority priority = Priority.Normal,
        Channel channel = Channel.Phone,
        string type = "Billing issues")
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == type).Select(t => t.Id).SingleAsync();
        var logged = await fixture.SendAsync(CaseBuilder.Command(Now, channel, typeId, CaseBuilder.Aisha) with
        {
            Priority = priority,
            Subject = subject,
            Description = "Something went wrong.",
        });

        // The queues read these columns only; setting them directly gives each test exactly the cases it needs.
        await db.Complaints.Where(c => c.Id == logged.Id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.NextDueAt, due)
            .SetProperty(c => c.AssigneeId, assignee)
            .SetProperty(c => c.DepartmentId, department)
            .SetProperty(c => c.EscalationTier, tier)
            .SetProperty(c => c.Status, status));
        return logged.Id;
    }

    private async Task<List<string>> SubjectsAsync(ListCases.Query query) =>
        [.. (await fixture.SendAsync(query)).Rows.Select(r => r.Subject)];

    [Fact]
    public async Task Each_queue_holds_its_own_open_cases_soonest_deadline_first()
    {
        await CaseAsync("mine, due soon", Now.AddHours(2), _agent, _billing);
        await CaseAsync("unassigned, overdue", Now.AddHours(-1));
        await CaseAsync("billing colleague's", Now.AddHours(48), _otherAgent, _billing);
        await CaseAsync("escalated to the billing supervisor", Now.AddHours(30), _supervisor, _billing, tier: 2);
        await CaseAsync("escalated to senior management", Now.AddHours(5), _administrator, _technical, tier: 3);
        await CaseAsync("mine, closed", null, _agent, _billing, status: CaseStatus.Closed);
        await CaseAsync("mine, waiting on the customer", null, _agent, _billing, status: CaseStatus.WaitingOnCustomer);
        await CaseAsync("mine, far off", Now.AddDays(6), _agent, _billing);

        Assert.Equal(["mine, due soon", "mine, far off", "mine, waiting on the customer"], await SubjectsAsync(new() { Queue = ListCases.Queues.Mine }));
        Assert.Equal(["mine, due soon", "mine, far off", "mine, waiting on the customer"], await SubjectsAsync(new()));
        Assert.Equal(
            ["mine, due soon", "escalated to the billing supervisor", "billing colleague's", "mine, far off", "mine, waiting on the customer"],
            await SubjectsAsync(new() { Queue = ListCases.Queues.Department }));
        Assert.Equal(["unassigned, overdue"], await SubjectsAsync(new() { Queue = ListCases.Queues.Unassigned }));
        Assert.Equal(["mine, due soon", "escalated to senior management"], await SubjectsAsync(new() { Queue = ListCases.Queues.DueSoon }));
        Assert.Equal(["unassigned, overdue"], await SubjectsAsync(new() { Queue = ListCases.Queues.Overdue }));
        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated }));

        ActAs(_supervisor);
        Assert.Equal(["escalated to the billing supervisor"], await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated }));
        Assert.True((await fixture.SendAsync(new ListCases.Query { Queue = ListCases.Queues.Escalated })).SeesEscalations);

        ActAs(_administrator);
        Assert.Equal(["escalated to senior management"], await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated }));
        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Department }));
        Assert.False((await fixture.SendAsync(new ListCases.Query { Queue = ListCases.Queues.Department })).HasDepartment);
    }

    [Fact]
    public async Task A_case_escalated_to_a_colleague_by_name_is_in_their_escalated_queue_only()
    {
        await CaseAsync("escalated to Eli", Now.AddHours(3), _otherAgent, _technical, tier: 2);

        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated }));
        ActAs(_otherAgent);
        Assert.Equal(["escalated to Eli"], await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated }));
        Assert.False((await fixture.SendAsync(new ListCases.Query { Queue = ListCases.Queues.Escalated })).SeesEscalations);
    }

    [Fact]
    public async Task Filters_narrow_the_queue_by_status_type_priority_channel_department_and_assignee()
    {
        await CaseAsync("critical", Now.AddHours(1), priority: Priority.Critical);
        await CaseAsync("by email", Now.AddHours(2), channel: Channel.Email);
        await CaseAsync("outage", Now.AddHours(3), type: "Service outage");
        await CaseAsync("in progress", Now.AddHours(4), status: CaseStatus.InProgress);
        await CaseAsync("technical", Now.AddHours(5), department: _technical);
        await CaseAsync("Eli's", Now.AddHours(6), _otherAgent, _technical);
        await using var db = fixture.CreateDbContext();
        var outage = (await db.ComplaintTypes.SingleAsync(t => t.Name == "Service outage")).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var technical = _technical.ToString(System.Globalization.CultureInfo.InvariantCulture);
        const string all = ListCases.Queues.DueSoon;

        Assert.Equal(["critical"], await SubjectsAsync(new() { Queue = all, Priority = "critical" }));
        Assert.Equal(["by email"], await SubjectsAsync(new() { Queue = all, Channel = "Email" }));
        Assert.Equal(["outage"], await SubjectsAsync(new() { Queue = all, Type = outage }));
        Assert.Equal(["in progress"], await SubjectsAsync(new() { Queue = all, Status = "InProgress" }));
        Assert.Equal(["technical", "Eli's"], await SubjectsAsync(new() { Queue = all, Department = technical }));
        Assert.Equal(["Eli's"], await SubjectsAsync(new() { Queue = all, Department = technical, Assignee = _otherAgent }));
        Assert.Empty(await SubjectsAsync(new() { Queue = all, Priority = "Low" }));
    }

    [Fact]
    public async Task The_none_filters_hold_exactly_the_cases_with_no_department_or_nobody_assigned()
    {
        await CaseAsync("Eli's in Technical, overdue", Now.AddHours(-4), _otherAgent, _technical);
        await CaseAsync("Technical, unassigned, overdue", Now.AddHours(-3), department: _technical);
        await CaseAsync("Eli's with no department, overdue", Now.AddHours(-2), _otherAgent);
        await CaseAsync("nowhere, overdue", Now.AddHours(-1));
        await CaseAsync("nowhere, due soon", Now.AddHours(2), priority: Priority.High);
        await CaseAsync("nowhere, closed", Now.AddHours(-5), status: CaseStatus.Closed);
        await CaseAsync("nowhere, waiting on the customer", null, status: CaseStatus.WaitingOnCustomer);
        const string overdue = ListCases.Queues.Overdue;

        Assert.Equal(["Eli's with no department, overdue", "nowhere, overdue"], await SubjectsAsync(new() { Queue = overdue, Department = ListCases.None }));
        Assert.Equal(["Technical, unassigned, overdue", "nowhere, overdue"], await SubjectsAsync(new() { Queue = overdue, Assignee = ListCases.None }));
        Assert.Equal(["nowhere, overdue"], await SubjectsAsync(new() { Queue = overdue, Department = ListCases.None, Assignee = ListCases.None }));
        Assert.Equal(["nowhere, due soon"], await SubjectsAsync(new() { Queue = ListCases.Queues.DueSoon, Department = ListCases.None }));
        Assert.Equal(
            ["Technical, unassigned, overdue", "nowhere, overdue", "nowhere, due soon", "nowhere, waiting on the customer"],
            await SubjectsAsync(new() { Queue = ListCases.Queues.Unassigned, Assignee = ListCases.None }));
        Assert.Equal(
            ["nowhere, overdue", "nowhere, due soon", "nowhere, waiting on the customer"],
            await SubjectsAsync(new() { Queue = ListCases.Queues.Unassigned, Department = "None" }));
        Assert.Equal(["nowhere, due soon"], await SubjectsAsync(new() { Queue = ListCases.Queues.Unassigned, Department = ListCases.None, Priority = "High" }));
        Assert.Equal(["Eli's in Technical, overdue"], await SubjectsAsync(new() { Queue = overdue, Department = _technical.ToString(System.Globalization.CultureInfo.InvariantCulture), Assignee = _otherAgent }));
    }

    [Fact]
    public async Task The_none_filters_only_narrow_the_viewers_own_queues()
    {
        await CaseAsync("mine in Billing", Now.AddHours(1), _agent, _billing);
        await CaseAsync("Billing, unassigned", Now.AddHours(2), department: _billing);
        await CaseAsync("nowhere", Now.AddHours(3));
        await CaseAsync("Billing, unassigned, escalated", Now.AddHours(4), department: _billing, tier: 2);
        await CaseAsync("nowhere, escalated", Now.AddHours(5), tier: 2);
        await CaseAsync("nowhere, with senior management", Now.AddHours(6), tier: 3);

        // The agent's own queues: nobody-assigned is never "mine", and no-department is never "my department".
        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Mine, Assignee = ListCases.None }));
        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Department, Department = ListCases.None }));
        Assert.Equal(
            ["Billing, unassigned", "Billing, unassigned, escalated"],
            await SubjectsAsync(new() { Queue = ListCases.Queues.Department, Assignee = ListCases.None }));
        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated, Assignee = ListCases.None }));
        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated, Department = ListCases.None }));

        // Billing's supervisor sees tier 2 in Billing only, not an escalated case with no department.
        ActAs(_supervisor);
        Assert.Equal(["Billing, unassigned, escalated"], await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated, Assignee = ListCases.None }));
        Assert.Empty(await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated, Department = ListCases.None }));

        ActAs(_administrator);
        Assert.Equal(["nowhere, with senior management"], await SubjectsAsync(new() { Queue = ListCases.Queues.Escalated, Department = ListCases.None }));
    }

    [Fact]
    public async Task Unknown_filter_values_are_refused_with_a_message_for_each()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new ListCases.Query
        {
            Queue = "everything",
            Status = "Closed",
            Type = "999999",
            Priority = "3",
            Channel = "Pigeon",
            Department = "abc",
            Assignee = "nobody",
            After = "yesterday",
        }));

        Assert.Equal(
            ["After", "Assignee", "Channel", "Department", "Priority", "Queue", "Status", "Type"],
            refused.Errors.Select(e => e.PropertyName).Order(StringComparer.Ordinal));
        Assert.Equal("Choose one of the listed departments, or No department.", refused.Errors.Single(e => e.PropertyName == "Department").ErrorMessage);
        Assert.Equal("Choose one of the listed members of staff, or Unassigned.", refused.Errors.Single(e => e.PropertyName == "Assignee").ErrorMessage);
    }

    [Fact]
    public async Task Keyset_pages_walk_the_whole_queue_in_deadline_order_without_gaps_or_repeats()
    {
        // Ties on the deadline (five cases share each instant) and undated cases at the end test the keyset's tie-break on id.
        var expected = new List<(DateTimeOffset? Due, long Id)>();
        for (var i = 0; i < 43; i++)
        {
            DateTimeOffset? due = i % 9 == 0 ? null : Now.AddHours(-20 + (i % 7) * 10);
            expected.Add((due, await CaseAsync($"case {i}", due, _agent, _billing)));
        }

        await CaseAsync("someone else's", Now, _otherAgent, _technical);
        var order = expected.OrderBy(e => e.Due is null).ThenBy(e => e.Due).ThenBy(e => e.Id).Select(e => e.Id).ToList();

        var seen = new List<long>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await fixture.SendAsync(new ListCases.Query { Queue = ListCases.Queues.Mine, After = after, Size = 10 });
            Assert.True(page.Rows.Count is > 0 and <= 10);
            seen.AddRange(page.Rows.Select(r => r.Id));
            after = page.NextAfter;
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(5, pages);
        Assert.Equal(order, seen);
    }

    [Fact]
    public async Task The_last_full_page_has_no_next_link()
    {
        for (var i = 0; i < 4; i++)
        {
            await CaseAsync($"case {i}", Now.AddHours(i), _agent, _billing);
        }

        var first = await fixture.SendAsync(new ListCases.Query { Size = 2 });
        var second = await fixture.SendAsync(new ListCases.Query { Size = 2, After = first.NextAfter });

        Assert.NotNull(first.NextAfter);
        Assert.Equal(["case 2", "case 3"], second.Rows.Select(r => r.Subject));
        Assert.Null(second.NextAfter);
    }
}
