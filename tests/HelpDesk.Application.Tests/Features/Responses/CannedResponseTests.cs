using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Responses;
using HelpDesk.Application.Tests.Features.Administration;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Responses;

/// <summary>docs/messages.md, "Canned responses": written, changed and retired by administrators, audited, checked like a template.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CannedResponseTests(ApplicationFixture fixture) : IAsyncLifetime
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
    public async Task A_response_is_written_changed_and_retired_each_audited_and_a_retired_one_is_no_longer_offered()
    {
        var id = await fixture.SendAsync(new WriteCannedResponse.Command("  Ask for the statement ", "Dear {customer_name},\r\n\r\nplease send the statement.\r\n"));
        var other = await fixture.SendAsync(new WriteCannedResponse.Command("Apology", "We are sorry about {subject}."));

        var offered = await fixture.SendAsync(new ListCannedResponses.Query(IncludeRetired: false));
        Assert.Equal(["Apology", "Ask for the statement"], offered.Select(r => r.Name));
        Assert.Equal("Dear {customer_name},\n\nplease send the statement.", offered[1].Body);

        await fixture.SendAsync(new ChangeCannedResponse.Command(id, "Ask for the bank statement", "Dear {customer_name}, please send the bank statement for {reference}."));
        await fixture.SendAsync(new RetireCannedResponse.Command(other));

        Assert.Equal(["Ask for the bank statement"], (await fixture.SendAsync(new ListCannedResponses.Query(IncludeRetired: false))).Select(r => r.Name));
        var all = await fixture.SendAsync(new ListCannedResponses.Query(IncludeRetired: true));
        Assert.Equal([("Ask for the bank statement", false), ("Apology", true)], all.Select(r => (r.Name, r.Retired)));
        Assert.Equal("Ada Administrator", all[1].UpdatedBy);
        Assert.Equal(new GetCannedResponse.Details(id, "Ask for the bank statement", "Dear {customer_name}, please send the bank statement for {reference}.", false),
            await fixture.SendAsync(new GetCannedResponse.Query(id)));

        await using var db = fixture.CreateDbContext();
        var changes = await db.ConfigurationChanges.OrderBy(c => c.Id).Select(c => new { c.Subject, c.Action, c.ActorName }).ToListAsync();
        Assert.Equal(
            ["Canned response Ask for the statement: Written", "Canned response Apology: Written", "Canned response Ask for the bank statement: Changed", "Canned response Apology: Retired"],
            changes.Select(c => $"{c.Subject}: {c.Action}"));
        Assert.All(changes, c => Assert.Equal("Ada Administrator", c.ActorName));
    }

    [Fact]
    public async Task An_unknown_placeholder_or_a_stray_brace_is_refused_on_the_body_like_a_template()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new WriteCannedResponse.Command("Typo", "Dear {custmer_name}, about {reference}.")));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(nameof(WriteCannedResponse.Command.Body), error.PropertyName);
        Assert.StartsWith("{custmer_name} is not a placeholder this message knows; use one of {reference}", error.ErrorMessage, StringComparison.Ordinal);

        // The reply's own text is what a canned response becomes, so it cannot be one of its placeholders.
        var reply = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new WriteCannedResponse.Command("Loop", "See {reply}.")));
        Assert.Contains(reply.Errors, e => e.PropertyName == nameof(WriteCannedResponse.Command.Body) && e.ErrorMessage.StartsWith("{reply} is not a placeholder", StringComparison.Ordinal));

        var brace = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new WriteCannedResponse.Command("Brace", "Costs {10.")));
        Assert.Contains(brace.Errors, e => e.PropertyName == nameof(WriteCannedResponse.Command.Body) && e.ErrorMessage.Contains("never closed", StringComparison.Ordinal));

        await using var db = fixture.CreateDbContext();
        Assert.False(await db.CannedResponses.AnyAsync());
    }

    [Fact]
    public async Task Each_field_has_its_own_message_on_writing_and_changing()
    {
        var written = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new WriteCannedResponse.Command(" ", null)));
        Assert.Equal(
            [(nameof(WriteCannedResponse.Command.Name), "Give the response a name."), (nameof(WriteCannedResponse.Command.Body), "Write the response.")],
            written.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).Distinct());

        var id = await fixture.SendAsync(new WriteCannedResponse.Command("Apology", "We are sorry."));
        var changed = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ChangeCannedResponse.Command(id, "Two\nlines", new string('x', 10_001))));
        Assert.Contains(changed.Errors, e => e.PropertyName == nameof(ChangeCannedResponse.Command.Name) && e.ErrorMessage == "The name must be a single line.");
        Assert.Contains(changed.Errors, e => e.PropertyName == nameof(ChangeCannedResponse.Command.Body) && e.ErrorMessage.StartsWith("A response is at most", StringComparison.Ordinal));
        Assert.Equal("We are sorry.", (await fixture.SendAsync(new GetCannedResponse.Query(id)))!.Body);
    }

    [Fact]
    public async Task A_response_that_does_not_exist_cannot_be_changed_or_retired_and_one_retired_cannot_be_retired_again()
    {
        await Assert.ThrowsAsync<ConfigurationNotFoundException>(() => fixture.SendAsync(new ChangeCannedResponse.Command(999, "Name", "Body.")));
        await Assert.ThrowsAsync<ConfigurationNotFoundException>(() => fixture.SendAsync(new RetireCannedResponse.Command(999)));

        var id = await fixture.SendAsync(new WriteCannedResponse.Command("Apology", "We are sorry."));
        await fixture.SendAsync(new RetireCannedResponse.Command(id));
        var again = await Record.ExceptionAsync(() => fixture.SendAsync(new RetireCannedResponse.Command(id)));
        Assert.NotNull(again);
        Assert.Contains("retired already", again.Message, StringComparison.Ordinal);
    }
}
