using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Staff;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Staff;

/// <summary>Staff and departments through their handlers on real PostgreSQL.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class StaffHandlerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private string _adminId = "";
    private string _agentId = "";
    private string _supervisorId = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _adminId = (await seeder.EnsureStaffAsync("ada@example.test", "Ada Administrator", "A long password 0", StaffRoles.Administrator)).Id;
        _agentId = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
        _supervisorId = (await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "A long password 2", StaffRoles.Supervisor, _billing)).Id;
        fixture.CurrentUser.Actor = new(_adminId, "Ada Administrator");
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Actor = new("test-agent-id", "Alex Agent");
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_new_member_of_staff_gets_the_role_and_department_and_the_change_is_recorded()
    {
        var created = await fixture.SendAsync(new CreateStaffMember.Command
        {
            DisplayName = " Nia New ",
            Email = "nia@example.test",
            Role = StaffRoles.Supervisor,
            DepartmentId = _billing,
            InitialPassword = "Welcome aboard Nia 2026",
        });

        await using var db = fixture.CreateDbContext();
        var user = await db.Users.SingleAsync(u => u.Id == created.Id);
        Assert.Equal("Nia New", user.DisplayName);
        Assert.Equal(_billing, user.DepartmentId);
        Assert.True(user.IsActive);
        var listed = (await fixture.SendAsync(new ListStaff.Query())).Single(m => m.Id == created.Id);
        Assert.Equal(StaffRoles.Supervisor, listed.Role);
        Assert.Equal("Billing", listed.Department);
        Assert.Contains(await db.ConfigurationChanges.ToListAsync(), c => c.Subject == "Staff Nia New" && c.Action == "Added" && c.ActorName == "Ada Administrator");
    }

    [Fact]
    public async Task Agents_and_supervisors_need_a_department_but_an_administrator_may_have_none()
    {
        var agent = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new CreateStaffMember.Command
        {
            DisplayName = "Nia New",
            Email = "nia@example.test",
            Role = StaffRoles.Agent,
            InitialPassword = "Welcome aboard Nia 2026",
        }));
        Assert.Contains(agent.Errors, e => e.PropertyName == "DepartmentId");

        await fixture.SendAsync(new CreateStaffMember.Command
        {
            DisplayName = "Otto Owner",
            Email = "otto@example.test",
            Role = StaffRoles.Administrator,
            InitialPassword = "Welcome aboard Otto 2026",
        });
        Assert.Null((await fixture.SendAsync(new ListStaff.Query())).Single(m => m.Email == "otto@example.test").DepartmentId);
    }

    [Fact]
    public async Task Deactivating_keeps_their_cases_where_they_are_and_changes_the_security_stamp()
    {
        var reference = (await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, await TypeIdAsync(), CaseBuilder.Aisha))).Reference;
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _agentId, null));
        string stampBefore;
        await using (var db = fixture.CreateDbContext())
        {
            stampBefore = (await db.Users.SingleAsync(u => u.Id == _agentId)).SecurityStamp!;
        }

        await fixture.SendAsync(new DeactivateStaffMember.Command(_agentId));

        await using var after = fixture.CreateDbContext();
        var user = await after.Users.SingleAsync(u => u.Id == _agentId);
        Assert.False(user.IsActive);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
        Assert.Equal(_agentId, (await after.Complaints.SingleAsync(c => c.Reference == reference)).AssigneeId);
    }

    private async Task<int> TypeIdAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_demoted_but_one_of_two_can()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ChangeStaffRoleAndDepartment.Command(_adminId, StaffRoles.Agent, _billing)));
        Assert.Contains(refused.Errors, e => e.PropertyName == "Role");

        await fixture.SendAsync(new ChangeStaffRoleAndDepartment.Command(_supervisorId, StaffRoles.Administrator, _billing));
        await fixture.SendAsync(new ChangeStaffRoleAndDepartment.Command(_adminId, StaffRoles.Agent, _billing));

        var staff = await fixture.SendAsync(new ListStaff.Query());
        Assert.Equal(StaffRoles.Agent, staff.Single(m => m.Id == _adminId).Role);
        Assert.Equal(StaffRoles.Administrator, staff.Single(m => m.Id == _supervisorId).Role);
    }

    [Fact]
    public async Task Department_names_are_unique_whatever_their_case_and_a_rename_to_its_own_name_is_fine()
    {
        var duplicate = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new AddDepartment.Command("  BILLING ")));
        Assert.Contains(duplicate.Errors, e => e.PropertyName == "Name");

        await fixture.SendAsync(new RenameDepartment.Command(_billing, "billing"));

        Assert.Contains(await fixture.SendAsync(new ListDepartments.Query()), d => d.Id == _billing && d.Name == "billing");
    }

    [Fact]
    public async Task A_supervisor_must_be_an_active_member_of_staff_in_the_supervisor_role()
    {
        var agent = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new SetDepartmentSupervisor.Command(_billing, _agentId)));
        Assert.Contains(agent.Errors, e => e.PropertyName == "SupervisorId");

        await fixture.SendAsync(new DeactivateStaffMember.Command(_supervisorId));
        await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new SetDepartmentSupervisor.Command(_billing, _supervisorId)));

        await fixture.SendAsync(new ReactivateStaffMember.Command(_supervisorId));
        await fixture.SendAsync(new SetDepartmentSupervisor.Command(_billing, _supervisorId));
        Assert.Equal("Sam Supervisor", (await fixture.SendAsync(new ListDepartments.Query())).Single(d => d.Id == _billing).Supervisor);
    }

    // These services use Identity's default password rules; the web host's own (length over composition) are tested over HTTP.
    [Fact]
    public async Task Changing_your_password_requires_the_current_one()
    {
        fixture.CurrentUser.Actor = new(_agentId, "Bea Biller");

        var wrong = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ChangeOwnPassword.Command("not it at all", "A new long password 2", "A new long password 2")));
        Assert.Contains(wrong.Errors, e => e.PropertyName == "CurrentPassword");

        await fixture.SendAsync(new ChangeOwnPassword.Command("A long password 1", "A new long password 2", "A new long password 2"));
        await using var scope = fixture.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(_agentId))!, "A new long password 2"));
    }
}
