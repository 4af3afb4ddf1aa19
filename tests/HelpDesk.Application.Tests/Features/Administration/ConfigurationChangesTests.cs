using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Application.Tests.Features.Administration;

[Collection(DatabaseCollection.Name)]
public sealed class ConfigurationChangesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.ActAsAdministrator();
    }

    public Task DisposeAsync()
    {
        fixture.ActAsAgent();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Changes_are_listed_newest_first_a_page_at_a_time()
    {
        for (var i = 1; i <= ListConfigurationChanges.PageSize + 2; i++)
        {
            await fixture.SendAsync(new AddComplaintType.Command($"Type {i:00}"));
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var first = await fixture.SendAsync(new ListConfigurationChanges.Query());
        var second = await fixture.SendAsync(new ListConfigurationChanges.Query(2));
        var beyond = await fixture.SendAsync(new ListConfigurationChanges.Query(9));

        Assert.Equal((ListConfigurationChanges.PageSize + 2, 2), (first.Total, first.PageCount));
        Assert.Equal("Complaint type Type 27", first.Items[0].Subject);
        Assert.Equal(ListConfigurationChanges.PageSize, first.Items.Count);
        Assert.Equal(["Complaint type Type 02", "Complaint type Type 01"], second.Items.Select(i => i.Subject));
        Assert.Equal(2, beyond.Page);
        Assert.True(first.Items.Zip(first.Items.Skip(1)).All(p => p.First.At > p.Second.At));
    }
}
