using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Suggestions;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Suggestions;

[Collection(DatabaseCollection.Name)]
public sealed class SuggestionHandlerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly Actor Supervisor = new("lead-1", "Sam Supervisor");
    private static readonly Actor Agent = new("agent-1", "Alex Agent");

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        AsAnonymous();
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Actor = Agent;
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    private void AsAnonymous()
    {
        fixture.CurrentUser.Actor = Actor.System;
        fixture.CurrentUser.Supervises = false;
    }

    private void AsSupervisor()
    {
        fixture.CurrentUser.Actor = Supervisor;
        fixture.CurrentUser.Supervises = true;
    }

    private static LeaveSuggestion.Command FromCustomer(string? email = "aisha.khan@example.com", string text = "Open on Saturday mornings.") => new()
    {
        FormToken = Guid.NewGuid(),
        Name = "Aisha Khan",
        Email = email,
        Source = SuggestionSource.Customer,
        Text = text,
    };

    private async Task<long> LeaveAsync(LeaveSuggestion.Command command)
    {
        await fixture.SendAsync(command);
        await using var db = fixture.CreateDbContext();
        return await db.Suggestions.Where(s => s.FormToken == command.FormToken).Select(s => s.Id).SingleAsync();
    }

    private async Task<long> AdoptedAsync()
    {
        var id = await LeaveAsync(FromCustomer());
        AsSupervisor();
        await fixture.SendAsync(new ReviewSuggestion.Command(id, ReviewDecision.Adopt, "We now open 9-12 on Saturdays."));
        return id;
    }

    [Fact]
    public async Task A_customer_leaves_a_suggestion_on_the_public_form()
    {
        var result = await fixture.SendAsync(FromCustomer());

        Assert.True(result.Stored);
        await using var db = fixture.CreateDbContext();
        var stored = await db.Suggestions.SingleAsync();
        Assert.Equal(SuggestionSource.Customer, stored.Source);
        Assert.Equal(SuggestionStatus.Received, stored.Status);
        Assert.Equal(ApplicationFixture.Now, stored.ReceivedAt);
        Assert.Null(stored.RecordedById);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task The_same_form_posted_twice_stores_one_suggestion()
    {
        var command = FromCustomer();

        await fixture.SendAsync(command);
        await Task.WhenAll(fixture.SendAsync(command), fixture.SendAsync(command));

        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Suggestions.CountAsync());
    }

    [Fact]
    public async Task A_filled_honeypot_is_thanked_and_nothing_is_stored()
    {
        var result = await fixture.SendAsync(FromCustomer() with { Website = "https://spam.example", Text = "" });

        Assert.False(result.Stored);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Suggestions.CountAsync());
    }

    [Theory]
    [InlineData(nameof(LeaveSuggestion.Command.Text), "", "Tell us your suggestion.")]
    [InlineData(nameof(LeaveSuggestion.Command.Email), "not an email", "like name@example.com")]
    [InlineData(nameof(LeaveSuggestion.Command.Email), "a@example.com\r\nBcc: x@evil.test", "one line")]
    [InlineData(nameof(LeaveSuggestion.Command.Name), "Aisha\r\nBcc: x@evil.test", "one line")]
    public async Task Bad_input_is_refused_with_a_message_on_its_field(string field, string value, string message)
    {
        var command = field switch
        {
            nameof(LeaveSuggestion.Command.Text) => FromCustomer() with { Text = value },
            nameof(LeaveSuggestion.Command.Email) => FromCustomer() with { Email = value },
            _ => FromCustomer() with { Name = value },
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(command));

        Assert.Contains(refused.Errors, e => e.PropertyName == field && e.ErrorMessage.Contains(message, StringComparison.Ordinal));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Suggestions.CountAsync());
    }

    [Fact]
    public async Task The_text_has_a_size_limit()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(FromCustomer(text: new string('x', Suggestion.TextMaxLength + 1))));

        Assert.Contains(refused.Errors, e => e.PropertyName == "Text" && e.ErrorMessage.Contains("4000 characters", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_public_cannot_leave_a_suggestion_as_staff_but_signed_in_staff_can()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(FromCustomer() with { Source = SuggestionSource.Staff }));
        Assert.Contains(refused.Errors, e => e.PropertyName == "Source");

        fixture.CurrentUser.Actor = Agent;
        await fixture.SendAsync(FromCustomer() with { Source = SuggestionSource.Staff, Name = null, Email = null });

        await using var db = fixture.CreateDbContext();
        var stored = await db.Suggestions.SingleAsync();
        Assert.Equal(SuggestionSource.Staff, stored.Source);
        Assert.Equal("Alex Agent", stored.RecordedByName);
    }

    [Fact]
    public async Task Adopting_records_the_change_and_queues_the_outcome_email_in_the_same_save()
    {
        var id = await AdoptedAsync();

        await using var db = fixture.CreateDbContext();
        var stored = await db.Suggestions.SingleAsync();
        Assert.Equal(SuggestionStatus.Adopted, stored.Status);
        Assert.Equal("Sam Supervisor", stored.ReviewedByName);
        Assert.Equal(ApplicationFixture.Now, stored.ReviewedAt);
        var message = Assert.Single(await db.OutboxMessages.ToListAsync());
        Assert.Equal(TemplateKeys.SuggestionOutcome, message.TemplateKey);
        Assert.Equal("aisha.khan@example.com", message.RecipientAddress);
        Assert.Equal("Aisha Khan", message.RecipientName);
        Assert.Null(message.CaseId);
        Assert.Equal("Your suggestion: adopted", message.Subject);
        Assert.Contains("Dear Aisha Khan,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("\"Open on Saturday mornings.\"", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("The change we have made: We now open 9-12 on Saturdays.", message.TextBody, StringComparison.Ordinal);
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Declining_records_the_reason_and_tells_the_person_why()
    {
        var id = await LeaveAsync(FromCustomer());
        AsSupervisor();

        var result = await fixture.SendAsync(new ReviewSuggestion.Command(id, ReviewDecision.Decline, "Our lease does not allow weekend opening."));

        Assert.Equal(SuggestionStatus.Declined, result.Status);
        Assert.Equal("aisha.khan@example.com", result.EmailedTo);
        await using var db = fixture.CreateDbContext();
        var message = Assert.Single(await db.OutboxMessages.ToListAsync());
        Assert.Equal("Your suggestion: declined", message.Subject);
        Assert.Contains("Why we cannot adopt it: Our lease does not allow weekend opening.", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_email_the_decision_is_recorded_and_nothing_is_queued()
    {
        var id = await LeaveAsync(FromCustomer(email: null));
        AsSupervisor();

        var result = await fixture.SendAsync(new ReviewSuggestion.Command(id, ReviewDecision.Adopt, "Done."));

        Assert.Null(result.EmailedTo);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(SuggestionStatus.Adopted, (await db.Suggestions.SingleAsync()).Status);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Theory]
    [InlineData(ReviewDecision.Adopt, "Describe the change made")]
    [InlineData(ReviewDecision.Decline, "Give the reason")]
    public async Task A_review_without_the_change_or_the_reason_is_refused_and_nothing_is_sent(ReviewDecision decision, string message)
    {
        var id = await LeaveAsync(FromCustomer());
        AsSupervisor();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ReviewSuggestion.Command(id, decision, " ")));

        Assert.Contains(refused.Errors, e => e.PropertyName == "Explanation" && e.ErrorMessage.StartsWith(message, StringComparison.Ordinal));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(SuggestionStatus.Received, (await db.Suggestions.SingleAsync()).Status);
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_suggestion_is_reviewed_once_and_the_second_review_sends_nothing()
    {
        var id = await AdoptedAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new ReviewSuggestion.Command(id, ReviewDecision.Decline, "No.")));

        Assert.Contains("already adopted", Assert.Single(refused.Errors).ErrorMessage, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task Agents_cannot_review_or_publish()
    {
        var id = await LeaveAsync(FromCustomer());
        fixture.CurrentUser.Actor = Agent;
        fixture.CurrentUser.Supervises = false;

        await Assert.ThrowsAsync<RequestNotPermittedException>(() => fixture.SendAsync(new ReviewSuggestion.Command(id, ReviewDecision.Adopt, "Done.")));
        await Assert.ThrowsAsync<RequestNotPermittedException>(() => fixture.SendAsync(new PublishSuggestion.Command(id, "Saturdays", "Open")));
        await Assert.ThrowsAsync<RequestNotPermittedException>(() => fixture.SendAsync(new WithdrawSuggestion.Command(id)));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(SuggestionStatus.Received, (await db.Suggestions.SingleAsync()).Status);
    }

    [Fact]
    public async Task Two_supervisors_reviewing_at_once_record_one_decision_and_one_email()
    {
        var id = await LeaveAsync(FromCustomer());
        AsSupervisor();

        var outcomes = await Task.WhenAll(
            Attempt(() => fixture.SendAsync(new ReviewSuggestion.Command(id, ReviewDecision.Adopt, "Done."))),
            Attempt(() => fixture.SendAsync(new ReviewSuggestion.Command(id, ReviewDecision.Decline, "No."))));

        Assert.Equal(1, outcomes.Count(o => o));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    private static async Task<bool> Attempt(Func<Task> review)
    {
        try
        {
            await review();
            return true;
        }
        catch (ValidationException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Only_adopted_suggestions_are_published_and_the_public_list_carries_no_name_or_email()
    {
        var adopted = await AdoptedAsync();
        AsAnonymous();
        var received = await LeaveAsync(FromCustomer(text: "Free parking."));
        AsSupervisor();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new PublishSuggestion.Command(received, "Free parking", "Nothing")));
        await fixture.SendAsync(new PublishSuggestion.Command(adopted, "Open on Saturday mornings.", "We now open 9-12 on Saturdays."));

        Assert.Contains("Adopt the suggestion", Assert.Single(refused.Errors).ErrorMessage, StringComparison.Ordinal);
        var item = Assert.Single(await fixture.SendAsync(new ListYouSaidWeDid.Query()));
        Assert.Equal("Open on Saturday mornings.", item.YouSaid);
        Assert.Equal("We now open 9-12 on Saturdays.", item.WeDid);
        Assert.Equal(ApplicationFixture.Now, item.PublishedAt);
    }

    [Fact]
    public async Task The_public_words_naming_the_person_are_refused()
    {
        var id = await AdoptedAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new PublishSuggestion.Command(id, "Aisha Khan asked for Saturdays.", "We open.")));

        Assert.Contains("must not name the person", Assert.Single(refused.Errors).ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await fixture.SendAsync(new ListYouSaidWeDid.Query()));
    }

    [Fact]
    public async Task Withdrawing_takes_it_off_the_public_page()
    {
        var id = await AdoptedAsync();
        await fixture.SendAsync(new PublishSuggestion.Command(id, "Saturdays.", "We open on Saturdays."));

        await fixture.SendAsync(new WithdrawSuggestion.Command(id));

        Assert.Empty(await fixture.SendAsync(new ListYouSaidWeDid.Query()));
        var details = await fixture.SendAsync(new GetSuggestion.Query(id));
        Assert.Null(details!.PublishedAt);
        Assert.Equal("Saturdays.", details.PublicSuggestion);
    }

    [Fact]
    public async Task The_list_is_newest_first_filtered_by_status_and_paged_by_keyset()
    {
        for (var i = 0; i < ListSuggestions.PageSize + 5; i++)
        {
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            await fixture.SendAsync(FromCustomer(text: $"Suggestion {i}"));
        }

        var adopted = await AdoptedAsync();

        var first = await fixture.SendAsync(new ListSuggestions.Query());
        var second = await fixture.SendAsync(new ListSuggestions.Query(After: first.NextAfter));
        var onlyAdopted = await fixture.SendAsync(new ListSuggestions.Query(SuggestionStatus.Adopted));

        Assert.Equal(ListSuggestions.PageSize, first.Rows.Count);
        Assert.Equal(adopted, first.Rows[0].Id);
        Assert.Equal("Suggestion 29", first.Rows[1].Text);
        Assert.Equal(6, second.Rows.Count);
        Assert.Null(second.NextAfter);
        Assert.Equal("Suggestion 0", second.Rows[^1].Text);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        Assert.Equal(ListSuggestions.PageSize + 5, first.Waiting);
        Assert.Equal(adopted, Assert.Single(onlyAdopted.Rows).Id);
    }
}
