using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Testing;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Application.Tests;

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<ApplicationFixture>
{
    public const string Name = "database";
}

/// <summary>This assembly's database and the application's services over it.</summary>
public sealed class ApplicationFixture : DatabaseFixture
{
    /// <summary>Wednesday 25 November 2026, 10:00 in London (GMT).</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Now);
    public TestCurrentUser CurrentUser { get; } = new();
    public ServiceProvider Services { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services = ApplicationServices.Build(ConnectionString, Clock, CurrentUser);
    }

    public override async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Empty tables, the policy's defaults seeded again, the clock back at <see cref="Now"/>.</summary>
    public async Task ResetWithDefaultsAsync()
    {
        await ResetAsync();
        Clock.AdjustTime(Now);
        // Departments are made afresh: a test that acts as an agent of one says which.
        CurrentUser.DepartmentId = null;
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedDefaultsAsync(CancellationToken.None);
    }

    /// <summary>Sends a command in its own scope, as one web request would.</summary>
    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }
}
