using System.Globalization;
using System.Net;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>/admin/staff and /admin/departments over HTTP: who may use them, and every posted id checked on the server.</summary>
[Collection(WebCollection.Name)]
public sealed class StaffAdministrationPageTests(WebFixture fixture) : IAsyncLifetime
{
    private int _customerService;
    private int _billing;
    private string _supervisorId = "";
    private string _agentId = "";
    private string _adminId = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _customerService = (await seeder.EnsureDepartmentAsync(DatabaseSeeder.DefaultDepartment, CancellationToken.None)).Id;
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _supervisorId = (await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "supervisor password 1", StaffRoles.Supervisor, _billing)).Id;
        await using var db = fixture.CreateDbContext();
        _agentId = await db.Users.Where(u => u.Email == WebFixture.AgentEmail).Select(u => u.Id).SingleAsync();
        _adminId = await db.Users.Where(u => u.Email == WebFixture.AdminEmail).Select(u => u.Id).SingleAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> AdminAsync()
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        return client;
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private List<KeyValuePair<string, string>> NewStaff(string role = StaffRoles.Agent, string? departmentId = null, string email = "nia@example.test") =>
    [
        new("Input.DisplayName", "Nia New"),
        new("Input.Email", email),
        new("Input.Role", role),
        new("Input.DepartmentId", departmentId ?? Id(_billing)),
        new("Input.InitialPassword", "welcome aboard nia 2026"),
    ];

    [Fact]
    public async Task An_agent_cannot_open_or_post_to_the_staff_administration()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var token = (await agent.GetPageAsync("/cases/log")).AntiForgeryToken();

        var get = await agent.GetAsync(new Uri("/admin/staff", UriKind.Relative));
        using var content = new FormUrlEncodedContent([.. NewStaff(StaffRoles.Administrator), new("__RequestVerificationToken", token)]);
        var post = await agent.PostAsync(new Uri("/admin/staff?handler=Create", UriKind.Relative), content);
        using var promote = new FormUrlEncodedContent([new("userId", _agentId), new("role", StaffRoles.Administrator), new("departmentId", Id(_billing)), new("__RequestVerificationToken", token)]);
        var selfPromotion = await agent.PostAsync(new Uri("/admin/staff?handler=Change", UriKind.Relative), promote);

        foreach (var response in new[] { get, post, selfPromotion })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        }

        await using var db = fixture.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "nia@example.test"));
        Assert.Equal(HttpStatusCode.Redirect, (await agent.GetAsync(new Uri("/admin/departments", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_administrator_adds_a_member_of_staff_who_can_then_sign_in_with_that_role()
    {
        using var admin = await AdminAsync();

        var response = await admin.SubmitAsync("/admin/staff?handler=Create", NewStaff(StaffRoles.Supervisor));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync("/admin/staff");
        Assert.Contains("Added Nia New", page.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector("tr[data-email='nia@example.test']")!;
        Assert.Equal(StaffRoles.Supervisor, row.QuerySelector("select[name=role] option[selected]")!.GetAttribute("value"));
        Assert.Equal("Billing", row.QuerySelector("select[name=departmentId] option[selected]")!.TextContent);
        using var nia = fixture.CreateClient();
        await nia.SignInAsync("nia@example.test", "welcome aboard nia 2026");
        await nia.SubmitAsync("/account/change-password", [new("Input.CurrentPassword", "welcome aboard nia 2026"), new("Input.NewPassword", "nia chose this one herself"), new("Input.ConfirmNewPassword", "nia chose this one herself")]);
        Assert.Equal(HttpStatusCode.OK, (await nia.GetAsync(new Uri("/cases/log", UriKind.Relative))).StatusCode);
    }

    /// <summary>A_new_member_of_staff_kept_the_initial_password_an_administrator_chose (issue 12, item 11).</summary>
    [Fact]
    public async Task A_new_member_of_staff_must_change_the_initial_password_before_any_staff_page()
    {
        using var admin = await AdminAsync();
        await admin.SubmitAsync("/admin/staff?handler=Create", NewStaff(StaffRoles.Agent, Id(_billing)));
        using var nia = fixture.CreateClient();
        await nia.SignInAsync("nia@example.test", "welcome aboard nia 2026");

        foreach (var url in new[] { "/cases", "/cases/log", "/cases/search?q=boiler", "/account/access-denied" })
        {
            var response = await nia.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/change-password", response.Headers.Location!.OriginalString);
        }

        // Posting a staff form is refused the same way; the public pages and signing out stay open.
        var token = (await nia.GetPageAsync("/account/change-password")).AntiForgeryToken();
        using var logForm = new FormUrlEncodedContent([new("Input.Subject", "Sneaked in"), new("__RequestVerificationToken", token)]);
        var post = await nia.PostAsync(new Uri("/cases/log", UriKind.Relative), logForm);
        Assert.Equal("/account/change-password", post.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await nia.GetAsync(new Uri("/policy", UriKind.Relative))).StatusCode);

        var changed = await nia.SubmitAsync("/account/change-password", [new("Input.CurrentPassword", "welcome aboard nia 2026"), new("Input.NewPassword", "nia chose this one herself"), new("Input.ConfirmNewPassword", "nia chose this one herself")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await nia.GetAsync(new Uri("/cases/log", UriKind.Relative))).StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.Users.Where(u => u.Email == "nia@example.test").Select(u => u.MustChangePassword).SingleAsync());
    }

    [Theory]
    [InlineData("Superuser", null, "Input.Role")]
    [InlineData(StaffRoles.Agent, "999999", "Input.DepartmentId")]
    public async Task A_role_or_department_the_form_never_offered_is_refused_and_nothing_is_stored(string role, string? departmentId, string field)
    {
        using var admin = await AdminAsync();

        var response = await admin.SubmitAsync("/admin/staff?handler=Create", NewStaff(role, departmentId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotEmpty(page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        Assert.Equal("Nia New", page.QuerySelector("#Input_DisplayName")!.GetAttribute("value"));
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "nia@example.test"));
    }

    [Fact]
    public async Task A_short_initial_password_and_a_taken_email_are_refused_beside_their_fields()
    {
        using var admin = await AdminAsync();
        var shortPassword = NewStaff().Select(f => f.Key == "Input.InitialPassword" ? new KeyValuePair<string, string>(f.Key, "short") : f);

        var weak = await (await admin.SubmitAsync("/admin/staff?handler=Create", shortPassword)).ReadDocumentAsync();
        var taken = await (await admin.SubmitAsync("/admin/staff?handler=Create", NewStaff(email: WebFixture.AgentEmail))).ReadDocumentAsync();

        Assert.Contains("12", weak.QuerySelector("[data-valmsg-for='Input.InitialPassword']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Someone on the staff list already has that email address.", taken.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "nia@example.test"));
    }

    [Fact]
    public async Task Changing_a_role_and_department_takes_effect_and_ends_their_old_session()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        using var admin = await AdminAsync();

        var response = await admin.SubmitAsync("/admin/staff?handler=Change", [new("userId", _agentId), new("role", StaffRoles.Supervisor), new("departmentId", Id(_billing))]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(_billing, await db.Users.Where(u => u.Id == _agentId).Select(u => u.DepartmentId).SingleAsync());
        var roles = await db.UserRoles.Where(ur => ur.UserId == _agentId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).ToListAsync();
        Assert.Equal([StaffRoles.Supervisor], roles);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.GetAsync(new Uri("/cases/log", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_tampered_user_role_or_department_id_in_a_row_form_is_refused()
    {
        using var admin = await AdminAsync();
        int? departmentBefore;
        await using (var before = fixture.CreateDbContext())
        {
            departmentBefore = await before.Users.Where(u => u.Id == _agentId).Select(u => u.DepartmentId).SingleAsync();
        }

        var unknownUser = await admin.SubmitAsync("/admin/staff?handler=Change", [new("userId", "no-such-user"), new("role", StaffRoles.Agent), new("departmentId", Id(_billing))]);
        var unknownRole = await admin.SubmitAsync("/admin/staff?handler=Change", [new("userId", _agentId), new("role", "Root"), new("departmentId", Id(_billing))]);
        var unknownDepartment = await admin.SubmitAsync("/admin/staff?handler=Change", [new("userId", _agentId), new("role", StaffRoles.Agent), new("departmentId", "424242")]);

        Assert.Contains("does not exist", (await unknownUser.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("listed roles", (await unknownRole.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("listed departments", (await unknownDepartment.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(departmentBefore, await db.Users.Where(u => u.Id == _agentId).Select(u => u.DepartmentId).SingleAsync());
    }

    [Fact]
    public async Task The_last_active_administrator_can_neither_be_demoted_nor_deactivate_themselves()
    {
        using var admin = await AdminAsync();

        var demote = await admin.SubmitAsync("/admin/staff?handler=Change", [new("userId", _adminId), new("role", StaffRoles.Agent), new("departmentId", Id(_customerService))]);
        var deactivate = await admin.SubmitAsync("/admin/staff?handler=Deactivate", [new("userId", _adminId)]);

        Assert.Contains("at least one active administrator", (await demote.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("cannot deactivate yourself", (await deactivate.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.True(await db.Users.Where(u => u.Id == _adminId).Select(u => u.IsActive).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin/staff", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Departments_are_added_and_renamed_and_a_duplicate_name_is_refused()
    {
        using var admin = await AdminAsync();

        var added = await admin.SubmitAsync("/admin/departments?handler=Add", [new("NewName", "Technical")]);
        var duplicate = await admin.SubmitAsync("/admin/departments?handler=Add", [new("NewName", "billing")]);
        var renamed = await admin.SubmitAsync("/admin/departments?handler=Rename", [new("departmentId", Id(_billing)), new("name", "Billing and Payments")]);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("There is already a department with that name.", (await duplicate.ReadDocumentAsync()).QuerySelector("[data-valmsg-for='NewName']")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var page = await admin.GetPageAsync("/admin/departments");
        var names = page.QuerySelectorAll("[data-testid=departments] tbody tr").Select(r => r.GetAttribute("data-name")).ToList();
        Assert.Equal(["Billing and Payments", DatabaseSeeder.DefaultDepartment, "Technical"], names);
    }

    [Fact]
    public async Task Only_an_active_supervisor_may_be_set_as_a_departments_supervisor()
    {
        using var admin = await AdminAsync();

        var page = await admin.GetPageAsync("/admin/departments");
        var offered = page.QuerySelectorAll($"#department-{_billing}-supervisor option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", _supervisorId], offered);

        var agentAsSupervisor = await admin.SubmitAsync("/admin/departments?handler=Supervisor", [new("departmentId", Id(_billing)), new("supervisorId", _agentId)]);
        Assert.Contains("listed supervisors", (await agentAsSupervisor.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        var set = await admin.SubmitAsync("/admin/departments?handler=Supervisor", [new("departmentId", Id(_billing)), new("supervisorId", _supervisorId)]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(_supervisorId, await db.Departments.Where(d => d.Id == _billing).Select(d => d.SupervisorId).SingleAsync());
    }
}
