using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Web.Hosting.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// The mailbox readers as the host runs them (docs/email.md, "Reading"), against the real Dovecot and
/// PostgreSQL: mail put in with IMAP APPEND becomes cases, is moved out of the folder, and is handled
/// once however often it is seen.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MailboxReaderTests(WebFixture fixture) : IAsyncLifetime
{
    private readonly List<HelpDeskApp> _apps = [];

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    private HelpDeskApp StartReading()
    {
        var app = new HelpDeskApp(fixture.ConnectionString, settings: ReadMailbox.ReaderSettings());
        _apps.Add(app);
        app.StartServer();
        return app;
    }

    private async Task<T> InDatabaseAsync<T>(Func<Application.Persistence.HelpDeskDbContext, Task<T>> read)
    {
        await using var db = fixture.CreateDbContext();
        return await read(db);
    }

    [Fact]
    public async Task A_new_email_appended_becomes_a_case_is_moved_to_processed_and_its_acknowledgement_goes_to_the_outbox_with_the_reference()
    {
        var mailbox = await ReadMailbox.ConnectAsync(fixture);
        StartReading();

        await mailbox.AppendAsync(ReadMailbox.Email("Charged twice for October"));

        await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, 1);
        await using var db = fixture.CreateDbContext();
        var receipt = await db.MailReceipts.SingleAsync();
        Assert.Equal(MailOutcome.NewCase, receipt.Outcome);
        var complaint = await db.Complaints.SingleAsync(c => c.Id == receipt.ComplaintId);
        Assert.Equal(Channel.Email, complaint.Channel);
        Assert.Equal("aisha@example.com", complaint.Customer.Email);
        Assert.Equal("Charged twice for October", complaint.Subject);
        var acknowledgement = await db.OutboxMessages.SingleAsync(m => m.CaseId == complaint.Id);
        Assert.Equal(TemplateKeys.AcknowledgementEmail, acknowledgement.TemplateKey);
        Assert.Equal("aisha@example.com", acknowledgement.RecipientAddress);
        Assert.Contains(complaint.Reference, acknowledgement.Subject, StringComparison.Ordinal);
        // The read folder was read to the end: the mailbox's page says when, and no problem.
        await ReadMailbox.WaitUntilAsync(
            async () => await InDatabaseAsync(d => d.Mailboxes.AnyAsync(m => m.Id == mailbox.Id && m.LastReadAt != null && m.LastError == null)),
            "the mailbox's last read to be recorded");
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_handled_once()
    {
        var mailbox = await ReadMailbox.ConnectAsync(fixture);
        var id = $"{Guid.NewGuid():N}@mail.example.com";
        await mailbox.AppendAsync(ReadMailbox.Email("Charged twice for October", messageId: id));
        await mailbox.AppendAsync(ReadMailbox.Email("Charged twice for October", messageId: id));
        StartReading();

        await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, 2);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(id, (await db.MailReceipts.SingleAsync()).MessageKey);
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail));
        Assert.Empty(await db.MailFailures.ToListAsync());
    }

    [Fact]
    public async Task Two_instances_reading_one_mailbox_handle_each_message_once()
    {
        const int messages = 30;
        var mailbox = await ReadMailbox.ConnectAsync(fixture);
        for (var n = 1; n <= messages; n++)
        {
            await mailbox.AppendAsync(ReadMailbox.Email($"Complaint number {n}", from: $"customer{n}@example.com"));
        }

        StartReading();
        StartReading();

        // Both instances run a reader for the mailbox; only one holds its lock at a time.
        await ReadMailbox.WaitUntilAsync(async () => await AdvisoryLocksAsync(mailbox.Id) == 1, "one instance to hold the mailbox's lock");
        await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, messages);
        Assert.Equal(1, await AdvisoryLocksAsync(mailbox.Id));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(messages, await db.MailReceipts.CountAsync(r => r.Outcome == MailOutcome.NewCase));
        Assert.Equal(messages, await db.Complaints.CountAsync());
        Assert.Equal(messages, await db.OutboxMessages.Where(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail).Select(m => m.CaseId).Distinct().CountAsync());
        Assert.Equal(messages, await db.OutboxMessages.CountAsync(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail));
        Assert.Empty(await db.MailFailures.ToListAsync());
    }

    [Fact]
    public async Task A_message_that_fails_five_times_is_moved_to_failed_and_its_reason_is_listed_for_the_mailbox()
    {
        var mailbox = await ReadMailbox.ConnectAsync(fixture);
        // No From and no Reply-To, on no case: there is nobody to log a case for, every time it is read.
        var nobody = new MimeMessage { Subject = "Who am I", MessageId = $"{Guid.NewGuid():N}@mail.example.com" };
        nobody.To.Add(new MailboxAddress("Support", ReadMailbox.ReplyAddress));
        nobody.Body = new TextPart("plain") { Text = "A message with no sender." };
        await mailbox.AppendAsync(nobody);
        await mailbox.AppendAsync(ReadMailbox.Email("A good one after it"));
        var app = StartReading();

        await mailbox.WaitUntilMovedAsync(Mailbox.FailedFolder, 1);
        await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, 1);
        await using var scope = app.Services.CreateAsyncScope();
        var failure = Assert.Single(await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new ListMailFailures.Query(mailbox.Id)));
        Assert.Equal(MailReceipt.MaxAttempts, failure.Attempts);
        Assert.Equal("The email has no sender address to answer.", failure.Error);
        Assert.Equal("Who am I", failure.Subject);
        Assert.NotNull(failure.SetAsideAt);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.MailReceipts.AnyAsync(r => r.MessageKey == nobody.MessageId));
        Assert.Equal(1, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task A_wrong_password_records_the_one_sentence_problem_on_the_mailbox_backs_off_and_recovers_when_corrected()
    {
        var mailbox = await ReadMailbox.ConnectAsync(fixture, storedPassword: "not the password");
        await mailbox.AppendAsync(ReadMailbox.Email("Waiting for the right password"));
        StartReading();

        Mailbox? first = null;
        await ReadMailbox.WaitUntilAsync(async () => (first = await StoredAsync(mailbox.Id)).LastErrorAt is not null, "the sign-in problem to be recorded");
        Assert.Equal("The server refused the user name or password.", first!.LastError);
        Assert.Null(first.LastReadAt);
        // It tries again, after a wait (ReconnectDelay, 1 s here), not at once and not never.
        Mailbox? second = null;
        await ReadMailbox.WaitUntilAsync(async () => (second = await StoredAsync(mailbox.Id)).LastErrorAt > first.LastErrorAt, "a second attempt");
        Assert.True(second!.LastErrorAt - first.LastErrorAt >= TimeSpan.FromSeconds(1), $"Tried again after {second.LastErrorAt - first.LastErrorAt}.");
        Assert.Empty(await mailbox.ListAsync(Mailbox.ProcessedFolder));

        await using (var scope = fixture.App.Services.CreateAsyncScope())
        await using (var db = fixture.CreateDbContext())
        {
            var stored = await db.Mailboxes.SingleAsync(m => m.Id == mailbox.Id);
            stored.Change(await ReadMailbox.SettingsAsync(db, mailbox.Imap), scope.ServiceProvider.GetRequiredService<MailboxPasswords>().Protect(mailbox.Imap.Password));
            await db.SaveChangesAsync();
        }

        await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, 1, TimeSpan.FromSeconds(60));
        await ReadMailbox.WaitUntilAsync(async () => await StoredAsync(mailbox.Id) is { LastError: null, LastReadAt: not null }, "the problem to be cleared by a read");
    }

    private async Task<Mailbox> StoredAsync(int id) => await InDatabaseAsync(db => db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>How many sessions hold the mailbox's advisory lock (the two-key form: classid, objid).</summary>
    private async Task<long> AdvisoryLocksAsync(int mailboxId)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = @space::oid AND objid = @mailbox::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        command.Parameters.AddWithValue("space", (long)MailboxLock.LockSpace);
        command.Parameters.AddWithValue("mailbox", (long)mailboxId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
