using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Administration;

[Collection(DatabaseCollection.Name)]
public sealed class ComplaintTypeAdministrationTests(ApplicationFixture fixture) : IAsyncLifetime
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
    public async Task An_added_type_is_offered_on_the_log_form_and_audited()
    {
        var id = await fixture.SendAsync(new AddComplaintType.Command("  Delivery problems "));

        var offered = await fixture.SendAsync(new ListComplaintTypes.Query());
        Assert.Contains(offered, t => t.Id == id && t.Name == "Delivery problems");
        await using var db = fixture.CreateDbContext();
        var change = await db.ConfigurationChanges.SingleAsync();
        Assert.Equal("Complaint type Delivery problems", change.Subject);
        Assert.Equal("Added", change.Action);
        Assert.Equal("Ada Administrator", change.ActorName);
        Assert.Equal("test-admin-id", change.ActorId);
        Assert.Equal(ApplicationFixture.Now, change.At);
        Assert.Null(change.Before);
        Assert.Contains("\"Name\": \"Delivery problems\"", change.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("billing ISSUES")]
    public async Task A_blank_or_existing_name_is_refused_and_nothing_is_stored(string name)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new AddComplaintType.Command(name)));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(AddComplaintType.Command.Name));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(4, await db.ComplaintTypes.CountAsync());
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task A_name_longer_than_the_limit_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.SendAsync(new AddComplaintType.Command(new string('x', ComplaintType.NameMaxLength + 1))));

        Assert.Contains("100 characters", refused.Errors.Single().ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task Renaming_keeps_the_cases_and_records_both_names()
    {
        var reference = await fixture.LogAsync("Billing issues");
        var id = await fixture.TypeIdAsync("Billing issues");

        await fixture.SendAsync(new RenameComplaintType.Command(id, "Billing and payments"));

        Assert.Equal(id, (await fixture.CaseAsync(reference)).ComplaintTypeId);
        Assert.Contains(await fixture.SendAsync(new ListComplaintTypes.Query()), t => t.Id == id && t.Name == "Billing and payments");
        var rows = await fixture.SendAsync(new ListSlaRules.Query());
        Assert.Contains(rows, r => r.Label == "Billing and payments, any priority");
        await using var db = fixture.CreateDbContext();
        var change = await db.ConfigurationChanges.SingleAsync();
        Assert.Equal("Renamed", change.Action);
        Assert.Contains("Billing issues", change.Before, StringComparison.Ordinal);
        Assert.Contains("Billing and payments", change.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renaming_to_another_types_name_is_refused()
    {
        var id = await fixture.TypeIdAsync("Billing issues");

        await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new RenameComplaintType.Command(id, "general")));

        Assert.Equal(id, await fixture.TypeIdAsync("Billing issues"));
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task A_retired_type_is_not_offered_for_new_cases_but_existing_cases_keep_it_until_it_is_reactivated()
    {
        var reference = await fixture.LogAsync("Product defects");
        var id = await fixture.TypeIdAsync("Product defects");

        await fixture.SendAsync(new RetireComplaintType.Command(id, Retire: true));

        Assert.DoesNotContain(await fixture.SendAsync(new ListComplaintTypes.Query()), t => t.Id == id);
        await Assert.ThrowsAsync<ValidationException>(() => fixture.LogAsync("Product defects"));
        Assert.Equal(id, (await fixture.CaseAsync(reference)).ComplaintTypeId);
        var all = await fixture.SendAsync(new ListAllComplaintTypes.Query());
        Assert.Contains(all, t => t.Id == id && !t.IsActive && t.Cases == 1);

        await fixture.SendAsync(new RetireComplaintType.Command(id, Retire: false));

        Assert.Contains(await fixture.SendAsync(new ListComplaintTypes.Query()), t => t.Id == id);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(["Reactivated", "Retired"], await db.ConfigurationChanges.OrderByDescending(c => c.Id).Select(c => c.Action).ToListAsync());
    }

    [Fact]
    public async Task Retiring_a_retired_type_is_refused()
    {
        var id = await fixture.TypeIdAsync("General");
        await fixture.SendAsync(new RetireComplaintType.Command(id, Retire: true));

        await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new RetireComplaintType.Command(id, Retire: true)));

        Assert.Equal(1, await fixture.ChangeCountAsync());
    }
}
