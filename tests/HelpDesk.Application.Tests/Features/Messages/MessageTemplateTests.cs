using FluentValidation;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Tests.Features.Messages;

/// <summary>Templates, queueing in the caller's transaction, and header safety; against the real database.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class MessageTemplateTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Dictionary<string, string?> Values(string customerName = "Jordan Example", string subject = "Charged twice") => new()
    {
        [Placeholders.Reference] = "HD-2026-000001-B",
        [Placeholders.CustomerName] = customerName,
        [Placeholders.Subject] = subject,
        [Placeholders.ReceivedOn] = "Wednesday 25 November 2026",
        [Placeholders.ReferredTo] = "Sam",
        [Placeholders.HandledBy] = "Sam in Billing",
        [Placeholders.SignedBy] = "Sam\nBilling",
        [Placeholders.Department] = "Billing",
        [Placeholders.ExpectedBy] = "Friday 4 December 2026",
    };

    [Fact]
    public async Task Every_message_is_seeded_with_standard_wording_that_uses_only_its_own_placeholders()
    {
        var templates = await fixture.SendAsync(new ListMessageTemplates.Query());

        Assert.Equal(StandardMessages.All.Select(m => m.Key), templates.Select(t => t.Key));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(StandardMessages.All.Count, await db.MessageTemplates.CountAsync());
        foreach (var message in StandardMessages.All)
        {
            Assert.Empty(MessageTemplate.ProblemsWith(message, message.Subject, message.Body));
            Assert.All(message.Placeholders, p => Assert.True(StandardMessages.SampleValues.ContainsKey(p), $"{p} has a sample value for the preview."));
        }
    }

    [Fact]
    public async Task An_unknown_placeholder_is_refused_when_the_template_is_saved_naming_the_placeholder()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            fixture.SendAsync(new EditMessageTemplate.Command(TemplateKeys.AcknowledgementEmail, "Your case {refrence}", "Dear {customer_name}, see {survey_link}.")));

        Assert.Contains(refused.Errors, e => e.PropertyName == "Subject" && e.ErrorMessage.Contains("{refrence}", StringComparison.Ordinal));
        // survey_link is a real placeholder, but not one the acknowledgement knows.
        Assert.Contains(refused.Errors, e => e.PropertyName == "Body" && e.ErrorMessage.Contains("{survey_link}", StringComparison.Ordinal));
        var stored = await fixture.SendAsync(new GetMessageTemplate.Query(TemplateKeys.AcknowledgementEmail));
        Assert.Equal(StandardMessages.Find(TemplateKeys.AcknowledgementEmail)!.Subject, stored!.Subject);
    }

    [Theory]
    [InlineData("Case {reference", "never closed")]
    [InlineData("Case reference} here", "closes nothing")]
    [InlineData("Case {} here", "names no placeholder")]
    public async Task An_unbalanced_brace_is_refused(string subject, string expected)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            fixture.SendAsync(new EditMessageTemplate.Command(TemplateKeys.AcknowledgementEmail, subject, "Dear {customer_name}")));

        Assert.Contains(refused.Errors, e => e.PropertyName == "Subject" && e.ErrorMessage.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edited_wording_is_what_the_next_queued_message_says_and_doubled_braces_stay_literal()
    {
        await fixture.SendAsync(new EditMessageTemplate.Command(TemplateKeys.AcknowledgementEmail, "Got it: {reference}", "Hello {customer_name}, {{not a placeholder}} – {expected_by}."));

        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var message = await scope.ServiceProvider.GetRequiredService<MessageOutbox>()
            .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test"), Values(), null, CancellationToken.None);

        Assert.Equal("Got it: HD-2026-000001-B", message.Subject);
        Assert.Equal("Hello Jordan Example, {not a placeholder} – Friday 4 December 2026.", message.TextBody);
        var stored = await fixture.SendAsync(new GetMessageTemplate.Query(TemplateKeys.AcknowledgementEmail));
        Assert.Equal("Alex Agent", stored!.UpdatedBy);
        Assert.Equal(ApplicationFixture.Now, stored.UpdatedAt);
    }

    [Fact]
    public async Task Html_in_a_customers_name_stays_text_in_the_html_part()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var message = await scope.ServiceProvider.GetRequiredService<MessageOutbox>()
            .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test", "<b>Jordan</b>"), Values("<script>alert('x')</script> & <b>Jordan</b>"), null, CancellationToken.None);

        Assert.Contains("Dear <script>alert('x')</script> & <b>Jordan</b>,", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Dear &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;b&gt;Jordan&lt;/b&gt;,", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_break_in_a_name_or_subject_adds_no_header_and_no_recipient()
    {
        var injected = "Jordan\r\nBcc: x@y.example";
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var message = await scope.ServiceProvider.GetRequiredService<MessageOutbox>()
            .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test", injected), Values(injected, "Refund\r\nBcc: x@y.example"), null, CancellationToken.None);

        using var mime = OutgoingMail.Compose(message, scope.ServiceProvider.GetRequiredService<IOptions<SmtpOptions>>().Value);
        using var wire = new MemoryStream();
        await mime.WriteToAsync(wire);
        wire.Position = 0;
        var parsed = await MimeKit.MimeMessage.LoadAsync(wire);

        Assert.Empty(parsed.Bcc);
        Assert.Empty(parsed.Cc);
        Assert.Equal(["jordan@example.test"], parsed.To.Mailboxes.Select(m => m.Address));
        Assert.DoesNotContain(parsed.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Jordan Bcc: x@y.example", parsed.To.Mailboxes.Single().Name);
        Assert.DoesNotContain("\n", parsed.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jordan@example.test\r\nBcc: x@y.example")]
    [InlineData("jordan@example.test, other@example.test")]
    [InlineData("Jordan <jordan@example.test>")]
    [InlineData("not an address")]
    [InlineData("")]
    [InlineData("HELPDESK@helpdesk.local")]
    public async Task A_recipient_that_is_not_exactly_one_outside_address_is_refused(string address)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();

        await Assert.ThrowsAsync<DomainRuleException>(() => scope.ServiceProvider.GetRequiredService<MessageOutbox>()
            .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient(address), Values(), null, CancellationToken.None));

        Assert.Empty(db.ChangeTracker.Entries());
    }

    [Fact]
    public async Task A_missing_value_or_a_letter_template_is_a_callers_mistake()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<MessageOutbox>();
        var values = Values();
        values.Remove(Placeholders.ExpectedBy);

        var missing = await Assert.ThrowsAsync<ArgumentException>(() => outbox.QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test"), values, null, CancellationToken.None));
        Assert.Contains("{expected_by}", missing.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.QueueAsync(db, TemplateKeys.AcknowledgementLetter, new MessageRecipient("jordan@example.test"), Values(), null, CancellationToken.None));
    }

    [Fact]
    public async Task A_queued_message_commits_with_the_change_that_caused_it()
    {
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            db.Departments.Add(new Department("Billing"));
            await scope.ServiceProvider.GetRequiredService<MessageOutbox>()
                .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test"), Values(), null, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        await using var check = fixture.CreateDbContext();
        Assert.True(await check.Departments.AnyAsync(d => d.Name == "Billing"));
        var stored = Assert.Single(await check.OutboxMessages.ToListAsync());
        Assert.Equal((OutboxStatus.Pending, ApplicationFixture.Now), (stored.Status, stored.NextAttemptAt));
    }

    [Fact]
    public async Task A_change_that_fails_to_save_leaves_no_message_behind()
    {
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            // The default department already exists: this insert breaks the unique name, so the save fails.
            db.Departments.Add(new Department(HelpDesk.Application.Persistence.Seeding.DatabaseSeeder.DefaultDepartment));
            await scope.ServiceProvider.GetRequiredService<MessageOutbox>()
                .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test"), Values(), null, CancellationToken.None);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = fixture.CreateDbContext();
        Assert.Equal(0, await check.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_transaction_that_fails_after_queuing_rolls_the_message_back()
    {
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var strategy = db.Database.CreateExecutionStrategy();
            await Assert.ThrowsAnyAsync<Exception>(() => strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await scope.ServiceProvider.GetRequiredService<MessageOutbox>()
                    .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test"), Values(), null, CancellationToken.None);
                await db.SaveChangesAsync();
                await db.Database.ExecuteSqlRawAsync("SELECT 1 / 0");
                await transaction.CommitAsync();
            }));
        }

        await using var check = fixture.CreateDbContext();
        Assert.Equal(0, await check.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task An_administrator_can_retry_a_given_up_message_and_only_a_given_up_one()
    {
        Guid id;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var message = await scope.ServiceProvider.GetRequiredService<MessageOutbox>()
                .QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient("jordan@example.test"), Values(), null, CancellationToken.None);
            await db.SaveChangesAsync();
            id = message.Id;
        }

        await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new RetryOutboxMessage.Command(id)));
        await using (var db = fixture.CreateDbContext())
        {
            var message = await db.OutboxMessages.SingleAsync();
            message.RecordFailure(ApplicationFixture.Now, DeliveryOutcome.Rejected, "550 no such user", new RetrySchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1), "test");
            await db.SaveChangesAsync();
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await fixture.SendAsync(new RetryOutboxMessage.Command(id)));

        var details = await fixture.SendAsync(new GetOutboxMessage.Query(id));
        Assert.Equal((OutboxStatus.Pending, 0, ApplicationFixture.Now.AddMinutes(5)), (details!.Status, details.Attempts, details.NextAttemptAt));
        Assert.Equal(DeliveryOutcome.Rejected, Assert.Single(details.History).Outcome);
        Assert.False(await fixture.SendAsync(new RetryOutboxMessage.Command(Guid.NewGuid())));
    }

    [Fact]
    public async Task The_preview_renders_sample_values_or_names_the_problems()
    {
        var preview = await fixture.SendAsync(new PreviewMessageTemplate.Query(TemplateKeys.ExtensionNotice, "New date: {expected_by}", "Dear {customer_name}, because {reason}"));
        Assert.Empty(preview!.Problems);
        Assert.Equal("New date: Friday 4 December 2026", preview.Message!.Subject);
        Assert.StartsWith("Dear Jordan Example, because", preview.Message.TextBody, StringComparison.Ordinal);

        var broken = await fixture.SendAsync(new PreviewMessageTemplate.Query(TemplateKeys.ExtensionNotice, "New date: {expected_by}", "Dear {custmer_name}"));
        Assert.Null(broken!.Message);
        Assert.Contains(broken.Problems, p => p.Contains("{custmer_name}", StringComparison.Ordinal));
    }
}
