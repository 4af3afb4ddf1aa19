using System.Diagnostics;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;
using HelpDesk.Testing;
using HelpDesk.Web.Hosting.Mail;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>A mailbox on the test Dovecot stored as HelpDesk's, and how the reader tests look at it and wait on it.</summary>
public sealed record ReadMailbox(int Id, ImapMailbox Imap, TestImapServer Server)
{
    public const string ReplyAddress = "support@helpdesk.test";

    /// <summary>Quick rounds, so a test waits seconds, not minutes: the same code at another pace.</summary>
    public static Dictionary<string, string?> ReaderSettings() => new()
    {
        ["HelpDesk:Email:ReadMailboxes"] = "true",
        ["HelpDesk:Email:PollInterval"] = "00:00:01",
        ["HelpDesk:Email:MailboxListInterval"] = "00:00:00.200",
        ["HelpDesk:Email:ReconnectDelay"] = "00:00:01",
        ["HelpDesk:Email:MaxReconnectDelay"] = "00:00:02",
    };

    /// <summary>A new Dovecot user, stored as an active mailbox for the default department's General cases; its password protected with the test host's key ring, which every host on this database shares.</summary>
    public static async Task<ReadMailbox> ConnectAsync(WebFixture fixture, string? storedPassword = null, ImapExtensions extensions = ImapExtensions.All)
    {
        var server = await TestImapServer.GetAsync(extensions);
        var imap = await server.CreateMailboxAsync("support");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var passwords = scope.ServiceProvider.GetRequiredService<MailboxPasswords>();
        await using var db = fixture.CreateDbContext();
        var mailbox = Mailbox.Connect(await SettingsAsync(db, imap, server), passwords.Protect(storedPassword ?? imap.Password), DateTimeOffset.UtcNow);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        return new ReadMailbox(mailbox.Id, imap, server);
    }

    public static async Task<MailboxSettings> SettingsAsync(Application.Persistence.HelpDeskDbContext db, ImapMailbox imap, TestImapServer? server = null)
    {
        var department = await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        var type = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        return new MailboxSettings("Support", TestImapServer.Host, (server ?? await TestImapServer.GetAsync()).Port, MailboxSecurity.None, imap.UserName, null, department, type, ReplyAddress);
    }

    public static MimeMessage Email(string subject, string from = "aisha@example.com", string? messageId = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Aisha Khan", from));
        message.To.Add(new MailboxAddress("Support", ReplyAddress));
        message.Subject = subject;
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@mail.example.com";
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = $"About: {subject}." };
        return message;
    }

    public Task AppendAsync(MimeMessage message) => Server.AppendAsync(Imap, message);

    /// <summary>The messages in a folder ("INBOX", or HelpDesk's "HelpDesk/Processed" in the server's separator); none while it does not exist yet.</summary>
    public async Task<IReadOnlyList<ImapMessage>> ListAsync(string path)
    {
        string name;
        using (var client = await Server.ConnectAsync(Imap))
        {
            name = MailboxFolders.FolderName(client, path);
            await client.DisconnectAsync(true);
        }

        try
        {
            return await Server.ListAsync(Imap, name);
        }
        catch (FolderNotFoundException)
        {
            return [];
        }
    }

    /// <summary>Waits until <paramref name="path"/> holds <paramref name="count"/> messages and the read folder none.</summary>
    public async Task WaitUntilMovedAsync(string path, int count, TimeSpan? timeout = null)
    {
        IReadOnlyList<ImapMessage> moved = [];
        IReadOnlyList<ImapMessage> left = [];
        await WaitUntilAsync(async () =>
        {
            moved = await ListAsync(path);
            left = await ListAsync(Mailbox.DefaultFolder);
            return moved.Count >= count && left.Count == 0;
        }, $"{count} messages in {path} and none in INBOX", timeout, () => $"{path} holds {moved.Count}, INBOX {left.Count}.");
        Assert.Equal(count, moved.Count);
    }

    /// <summary>Polls a condition until it holds, failing at the deadline with what was last seen.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? seen = null)
    {
        var waited = Stopwatch.StartNew();
        var deadline = timeout ?? TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (waited.Elapsed > deadline)
            {
                Assert.Fail($"Waited {deadline} for {what}. {seen?.Invoke()}");
            }

            await Task.Delay(50);
        }
    }
}
