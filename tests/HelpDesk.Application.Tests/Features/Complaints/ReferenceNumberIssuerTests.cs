using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Application.Tests.Features.Complaints;

[Collection(DatabaseCollection.Name)]
public sealed class ReferenceNumberIssuerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<ReferenceNumber> IssueAsync(IServiceProvider services, int year)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferenceNumberIssuer>().IssueAsync(year, CancellationToken.None);
    }

    [Fact]
    public async Task A_thousand_concurrent_issues_from_two_app_instances_give_a_thousand_distinct_numbers()
    {
        // Two service providers stand for two app instances with their own connection pools.
        await using var secondInstance = ApplicationServices.Build(fixture.ConnectionString, new FakeTimeProvider(ApplicationFixture.Now), new TestCurrentUser());
        var instances = new IServiceProvider[] { fixture.Services, secondInstance };

        var issued = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() => IssueAsync(instances[i % 2], 2026))));

        var texts = issued.Select(r => r.ToString()).ToList();
        Assert.Equal(1000, texts.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), issued.Select(r => r.Counter).Order());
        Assert.All(texts, t => Assert.True(ReferenceNumber.Read(t).IsValid));
    }

    [Fact]
    public async Task Each_year_counts_from_one()
    {
        var a = await IssueAsync(fixture.Services, 2026);
        var b = await IssueAsync(fixture.Services, 2026);
        var c = await IssueAsync(fixture.Services, 2027);

        Assert.Equal((2026, 1L), (a.Year, a.Counter));
        Assert.Equal((2026, 2L), (b.Year, b.Counter));
        Assert.Equal((2027, 1L), (c.Year, c.Counter));
    }

    [Fact]
    public async Task The_prefix_comes_from_configuration()
    {
        await using var services = ApplicationServices.Build(
            fixture.ConnectionString,
            new FakeTimeProvider(ApplicationFixture.Now),
            new TestCurrentUser(),
            new Dictionary<string, string?> { ["HelpDesk:ReferencePrefix"] = "CS" });

        var reference = await IssueAsync(services, 2026);

        Assert.StartsWith("CS-2026-", reference.ToString(), StringComparison.Ordinal);
    }
}
