using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Complaints;

/// <summary>The customer's emails for acknowledging, extending and resolving: queued with the step, in its save, or not at all.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CaseMessagesHandlerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private string _biller = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.CurrentUser.Supervises = false;
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        // The agent the test acts as works in Billing, where its cases are referred (an agent acts on their own department's cases).
        fixture.CurrentUser.DepartmentId = _billing;
        _biller = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    private async Task<string> LogAsync(string? email = "aisha@example.com")
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Email, typeId, new CaseBuilder.Customer("Aisha Khan", email, email is null ? "01234 567890" : null)))).Reference;
    }

    private static readonly DateTimeOffset ExpectedBy = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private Task<AcknowledgeCase.Result> AcknowledgeByEmailAsync(string reference) =>
        fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Email, _billing, _biller, ExpectedBy));

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private async Task<Complaint> StoredAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Reference == reference);
    }

    [Fact]
    public async Task Acknowledging_by_email_queues_exactly_one_acknowledgement_to_the_customer_with_the_case_values()
    {
        var reference = await LogAsync();

        await AcknowledgeByEmailAsync(reference);

        var message = Assert.Single(await OutboxAsync());
        var stored = await StoredAsync(reference);
        Assert.Equal(TemplateKeys.AcknowledgementEmail, message.TemplateKey);
        Assert.Equal("aisha@example.com", message.RecipientAddress);
        Assert.Equal("Aisha Khan", message.RecipientName);
        Assert.Equal(stored.Id, message.CaseId);
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Contains(reference, message.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Aisha Khan", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("referred to Bea in Billing", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Biller", message.TextBody, StringComparison.Ordinal);
        // The desk's local day (Europe/London in the fixture's options or UTC: noon is the same day in both).
        Assert.Contains("Friday 4 December 2026", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Acknowledged, stored.Status);
        Assert.Contains(stored.Timeline, e => e.Type == TimelineEventType.MessageQueued && e.Summary == "Acknowledgement email queued to the customer");
    }

    [Fact]
    public async Task The_email_is_rendered_from_the_template_as_administrators_last_edited_it()
    {
        var reference = await LogAsync();
        await using (var db = fixture.CreateDbContext())
        {
            var template = await db.MessageTemplates.SingleOrDefaultAsync(t => t.Key == TemplateKeys.AcknowledgementEmail);
            if (template is null)
            {
                template = MessageTemplate.Standard(StandardMessages.Find(TemplateKeys.AcknowledgementEmail)!);
                db.MessageTemplates.Add(template);
            }

            template.Edit("We have your case {reference}", "Dear {customer_name}, {referred_to} in {department} answers by {expected_by}.", "Ada Administrator", ApplicationFixture.Now);
            await db.SaveChangesAsync();
        }

        await AcknowledgeByEmailAsync(reference);

        var message = Assert.Single(await OutboxAsync());
        Assert.Equal($"We have your case {reference}", message.Subject);
        // Below the marker every customer email about a case starts with (docs/email.md, "Outgoing mail threads too").
        Assert.Equal($"{QuotedHistory.ReplyMarker}\n\nDear Aisha Khan, Bea in Billing answers by Friday 4 December 2026.", message.TextBody);
    }

    [Fact]
    public async Task Acknowledging_by_email_a_case_with_no_customer_email_is_refused_on_the_method_and_stores_nothing()
    {
        var reference = await LogAsync(email: null);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => AcknowledgeByEmailAsync(reference));

        var error = Assert.Single(refused.Errors);
        Assert.Equal(nameof(AcknowledgeCase.Command.Method), error.PropertyName);
        Assert.Contains("no customer email address", error.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(await OutboxAsync());
        var stored = await StoredAsync(reference);
        Assert.Equal(CaseStatus.Logged, stored.Status);
        Assert.DoesNotContain(stored.Timeline, e => e.Type == TimelineEventType.Acknowledged);
    }

    [Fact]
    public async Task Acknowledging_verbally_sends_nothing()
    {
        var reference = await LogAsync();

        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller, null));

        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task Extending_with_the_customer_told_by_email_queues_the_extension_notice_with_the_new_date_and_reason()
    {
        var reference = await LogAsync();
        await AcknowledgeByEmailAsync(reference);
        fixture.CurrentUser.Supervises = true; // extending is a supervisor's step

        await fixture.SendAsync(new ExtendResolution.Command(reference, new DateTimeOffset(2026, 12, 18, 12, 0, 0, TimeSpan.Zero), "The payment provider has not answered yet.", CommunicationMethod.Email));

        var notice = Assert.Single(await OutboxAsync(), m => m.TemplateKey == TemplateKeys.ExtensionNotice);
        Assert.Equal("aisha@example.com", notice.RecipientAddress);
        Assert.Contains(reference, notice.Subject + notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Friday 18 December 2026", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("The payment provider has not answered yet.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Bea in Billing remains responsible", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains((await StoredAsync(reference)).Timeline, e => e.Type == TimelineEventType.MessageQueued && e.Summary == "Extension notice email queued to the customer");
    }

    [Fact]
    public async Task Extending_with_the_customer_told_verbally_sends_nothing_more()
    {
        var reference = await LogAsync();
        await AcknowledgeByEmailAsync(reference);
        fixture.CurrentUser.Supervises = true; // extending is a supervisor's step

        await fixture.SendAsync(new ExtendResolution.Command(reference, new DateTimeOffset(2026, 12, 18, 12, 0, 0, TimeSpan.Zero), "Waiting on the bank.", CommunicationMethod.Verbal));

        Assert.Equal([TemplateKeys.AcknowledgementEmail], (await OutboxAsync()).Select(m => m.TemplateKey));
    }

    [Fact]
    public async Task Resolving_with_the_response_communicated_by_email_queues_the_resolution_with_the_response()
    {
        var reference = await LogAsync();
        await AcknowledgeByEmailAsync(reference);

        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "We refunded the second charge of 12.50.", CommunicationMethod.Email));

        var resolution = Assert.Single(await OutboxAsync(), m => m.TemplateKey == TemplateKeys.Resolution);
        Assert.Equal("aisha@example.com", resolution.RecipientAddress);
        Assert.Contains(reference, resolution.Subject + resolution.TextBody, StringComparison.Ordinal);
        Assert.Contains("We refunded the second charge of 12.50.", resolution.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Duplicate debit.", resolution.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolving_by_email_a_case_with_no_customer_email_is_refused_and_stores_nothing()
    {
        var reference = await LogAsync(email: null);
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller, null));

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Email)));

        Assert.Equal(nameof(ResolveCase.Command.CommunicatedBy), Assert.Single(refused.Errors).PropertyName);
        Assert.Equal(CaseStatus.Acknowledged, (await StoredAsync(reference)).Status);
        Assert.Empty(await OutboxAsync());
    }

    /// <summary>
    /// A trigger makes one of the save's writes fail after the handler queued the message: the step and
    /// the message commit together, so neither the acknowledgement nor the email may be left behind.
    /// </summary>
    [Theory]
    [InlineData("outbox_messages")]
    [InlineData("timeline_events")]
    public async Task A_save_that_fails_after_queueing_leaves_neither_the_step_nor_the_message(string failingTable)
    {
        var reference = await LogAsync();
        await using (var db = fixture.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION test_refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$;
                """);
            var create = "CREATE TRIGGER test_refuse BEFORE INSERT ON " + failingTable + " FOR EACH ROW EXECUTE FUNCTION test_refuse_insert();";
            await db.Database.ExecuteSqlRawAsync(create);
        }

        try
        {
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => AcknowledgeByEmailAsync(reference));
        }
        finally
        {
            await using var db = fixture.CreateDbContext();
            var drop = "DROP TRIGGER test_refuse ON " + failingTable + "; DROP FUNCTION test_refuse_insert();";
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        Assert.Empty(await OutboxAsync());
        var stored = await StoredAsync(reference);
        Assert.Equal(CaseStatus.Logged, stored.Status);
        Assert.Null(stored.AcknowledgedAt);
        Assert.DoesNotContain(stored.Timeline, e => e.Type is TimelineEventType.Acknowledged or TimelineEventType.MessageQueued);
    }
}
