using System.Net;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests;

[CollectionDefinition(Name)]
public sealed class WebCollection : ICollectionFixture<WebFixture>
{
    public const string Name = "web";
}

/// <summary>This assembly's database and the web host serving it.</summary>
public sealed class WebFixture : DatabaseFixture
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "correct horse battery staple";
    public const string AgentEmail = "agent@example.test";
    public const string AgentPassword = "agent password 2026";

    public HelpDeskApp App { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        App = new HelpDeskApp(ConnectionString);
        App.StartServer();
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Empty tables, the defaults seeded again, and one administrator and one agent (of the default department).</summary>
    public async Task ResetWithStaffAsync()
    {
        await ResetAsync();
        await using var scope = App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        await seeder.SeedDefaultsAsync(CancellationToken.None);
        await seeder.EnsureStaffAsync(AdminEmail, "Ada Administrator", AdminPassword, StaffRoles.Administrator);
        // The agent works in the department cases go to by default, as the front desk does.
        var frontDesk = await seeder.EnsureDepartmentAsync(DatabaseSeeder.DefaultDepartment, CancellationToken.None);
        await seeder.EnsureStaffAsync(AgentEmail, "Alex Agent", AgentPassword, StaffRoles.Agent, frontDesk.Id);
    }

    /// <summary>An HTTP client that keeps cookies and does not follow redirects, so tests see each response.</summary>
    public HttpClient CreateClient(HelpDeskApp? app = null, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = (app ?? App).BaseAddress,
        };
}
