using System.Diagnostics;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using MailKit.Net.Imap;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// The reader on servers that lack an extension it prefers (docs/email.md, "Reading"): without IDLE it
/// reads the folder every <c>HelpDesk:Email:PollInterval</c>; without MOVE it copies, flags deleted and
/// expunges. Each against a Dovecot of its own whose <c>imap_capability</c> leaves the extension out.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MailboxReaderFallbackTests(WebFixture fixture) : IAsyncLifetime
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

    private void StartReading()
    {
        var app = new HelpDeskApp(fixture.ConnectionString, settings: ReadMailbox.ReaderSettings());
        _apps.Add(app);
        app.StartServer();
    }

    private async Task<DateTimeOffset?> LastReadAtAsync(int mailboxId)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Mailboxes.Where(m => m.Id == mailboxId).Select(m => m.LastReadAt).SingleAsync();
    }

    private static async Task<ImapCapabilities> CapabilitiesAsync(ReadMailbox mailbox)
    {
        using var client = await mailbox.Server.ConnectAsync(mailbox.Imap);
        var capabilities = client.Capabilities;
        await client.DisconnectAsync(true);
        return capabilities;
    }

    [Fact]
    public async Task Without_IDLE_the_reader_polls_and_reads_a_message_appended_after_it_started_within_the_poll_interval()
    {
        var mailbox = await ReadMailbox.ConnectAsync(fixture, extensions: ImapExtensions.WithoutIdle);
        var capabilities = await CapabilitiesAsync(mailbox);
        Assert.False(capabilities.HasFlag(ImapCapabilities.Idle), "The server offers IDLE, so this would not test polling.");
        Assert.True(capabilities.HasFlag(ImapCapabilities.Move));
        StartReading();
        // The first pass found the folder empty; the reader now waits out its poll interval (1 s here).
        await ReadMailbox.WaitUntilAsync(async () => await LastReadAtAsync(mailbox.Id) is not null, "the first pass to be recorded");
        var firstPass = await LastReadAtAsync(mailbox.Id);
        await ReadMailbox.WaitUntilAsync(async () => await LastReadAtAsync(mailbox.Id) > firstPass, "a second pass, a poll interval later");

        var appended = Stopwatch.StartNew();
        await mailbox.AppendAsync(ReadMailbox.Email("Appended while the reader polls"));

        await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, 1, TimeSpan.FromSeconds(10));
        Assert.True(appended.Elapsed < TimeSpan.FromSeconds(5), $"Read {appended.Elapsed} after it was appended; the poll interval is 1 s.");
        await using var db = fixture.CreateDbContext();
        var receipt = await db.MailReceipts.SingleAsync(r => r.MailboxId == mailbox.Id);
        Assert.Equal(MailOutcome.NewCase, receipt.Outcome);
        Assert.Equal("Appended while the reader polls", (await db.Complaints.SingleAsync(c => c.Id == receipt.ComplaintId)).Subject);
    }

    [Fact]
    public async Task Without_MOVE_each_handled_message_is_copied_to_processed_and_expunged_from_the_folder_exactly_once()
    {
        const int messages = 3;
        var mailbox = await ReadMailbox.ConnectAsync(fixture, extensions: ImapExtensions.WithoutMove);
        var capabilities = await CapabilitiesAsync(mailbox);
        Assert.False(capabilities.HasFlag(ImapCapabilities.Move), "The server offers MOVE, so this would not test COPY and EXPUNGE.");
        Assert.True(capabilities.HasFlag(ImapCapabilities.UidPlus));
        for (var n = 1; n <= messages; n++)
        {
            await mailbox.AppendAsync(ReadMailbox.Email($"Copied, not moved, number {n}", from: $"customer{n}@example.com"));
        }

        StartReading();

        await mailbox.WaitUntilMovedAsync(Mailbox.ProcessedFolder, messages);
        // Later passes find nothing to copy again: wait for one recorded after the folder emptied.
        var emptied = await LastReadAtAsync(mailbox.Id);
        await ReadMailbox.WaitUntilAsync(async () => await LastReadAtAsync(mailbox.Id) > emptied, "a pass after the folder was emptied");
        var processed = await mailbox.ListAsync(Mailbox.ProcessedFolder);
        Assert.Equal(
            Enumerable.Range(1, messages).Select(n => $"Copied, not moved, number {n}"),
            processed.Select(m => m.Subject));
        Assert.Empty(await mailbox.ListAsync(Mailbox.DefaultFolder));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(messages, await db.MailReceipts.CountAsync(r => r.MailboxId == mailbox.Id && r.Outcome == MailOutcome.NewCase));
        Assert.Equal(messages, await db.Complaints.CountAsync());
        Assert.Equal(messages, await db.OutboxMessages.CountAsync(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail));
        Assert.Empty(await db.MailFailures.ToListAsync());
    }
}
