using System.Text;
using HelpDesk.Testing;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace HelpDesk.Application.Tests.Testing;

/// <summary>
/// The IMAP server the mail-reading tests use is a real Dovecot that a plain MailKit client can read,
/// sort into folders, IDLE on and reach over TLS, with mailboxes that do not see each other's mail.
/// </summary>
public sealed class TestImapServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestImapServer _imap = null!;

    public async Task InitializeAsync()
    {
        _imap = await TestImapServer.GetAsync();
        output.WriteLine($"Dovecot took {_imap.StartupTime.TotalMilliseconds:F0} ms to greet (once per test run).");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject, MessageId = $"{Guid.NewGuid():N}@customer.example" };
        message.From.Add(MailboxAddress.Parse("jordan@customer.example"));
        message.To.Add(MailboxAddress.Parse("desk@desk.example"));
        message.Body = new TextPart("plain") { Text = $"About {subject}." };
        return message;
    }

    [Fact]
    public async Task Three_appended_messages_are_read_back_in_order_by_a_plain_client()
    {
        var mailbox = await _imap.CreateMailboxAsync();
        var sent = new[] { Message("First"), Message("Second"), Message("Third") };
        foreach (var message in sent)
        {
            await _imap.AppendAsync(mailbox, message);
        }

        using var client = new ImapClient();
        await client.ConnectAsync(TestImapServer.Host, _imap.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(mailbox.UserName, mailbox.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var read = new List<MimeMessage>();
        for (var i = 0; i < client.Inbox.Count; i++)
        {
            read.Add(await client.Inbox.GetMessageAsync(i));
        }

        Assert.Equal(["First", "Second", "Third"], read.Select(m => m.Subject));
        Assert.Equal(sent.Select(m => m.MessageId), read.Select(m => m.MessageId));
        Assert.Equal("About Second.", read[1].TextBody?.Trim());
        Assert.Equal(sent.Select(m => m.MessageId), (await _imap.ListAsync(mailbox)).Select(m => m.MessageId));
    }

    [Fact]
    public async Task Raw_bytes_are_appended_as_given()
    {
        var mailbox = await _imap.CreateMailboxAsync();
        var raw = Encoding.ASCII.GetBytes(
            "From: jordan@customer.example\r\nTo: desk@desk.example\r\nSubject: Raw\r\nMessage-ID: <raw-1@customer.example>\r\n\r\nAs typed.\r\n");

        await _imap.AppendAsync(mailbox, raw);

        var listed = Assert.Single(await _imap.ListAsync(mailbox));
        Assert.Equal(("Raw", "raw-1@customer.example"), (listed.Subject, listed.MessageId));
    }

    [Fact]
    public async Task A_message_moved_to_a_new_folder_is_there_and_no_longer_in_the_inbox()
    {
        var mailbox = await _imap.CreateMailboxAsync();
        await _imap.AppendAsync(mailbox, Message("Keep"));
        var moving = Message("Handled");
        await _imap.AppendAsync(mailbox, moving);

        using (var client = await _imap.ConnectAsync(mailbox))
        {
            var personal = client.GetFolder(client.PersonalNamespaces[0]);
            var handled = await personal.CreateAsync("Handled", isMessageFolder: true)
                ?? throw new InvalidOperationException("Dovecot made no Handled folder.");
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var uid = (await _imap.ListAsync(mailbox)).Single(m => m.Subject == "Handled").Uid;
            await client.Inbox.MoveToAsync(uid, handled);
            await client.DisconnectAsync(true);
        }

        Assert.Equal([moving.MessageId], (await _imap.ListAsync(mailbox, "Handled")).Select(m => m.MessageId));
        Assert.Equal(["Keep"], (await _imap.ListAsync(mailbox)).Select(m => m.Subject));
    }

    [Fact]
    public async Task An_idling_client_hears_of_a_message_appended_over_another_connection()
    {
        var mailbox = await _imap.CreateMailboxAsync();
        using var idler = await _imap.ConnectAsync(mailbox);
        Assert.True(idler.Capabilities.HasFlag(ImapCapabilities.Idle));
        await idler.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var heard = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var done = new CancellationTokenSource();
        idler.Inbox.CountChanged += (_, _) =>
        {
            heard.TrySetResult(idler.Inbox.Count);
            done.Cancel();
        };
        var idling = idler.IdleAsync(done.Token);

        await _imap.AppendAsync(mailbox, Message("While idle"));

        var count = await heard.Task.WaitAsync(TestImapServer.DefaultWait);
        await idling;
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task WaitForAsync_returns_once_the_count_has_arrived()
    {
        var mailbox = await _imap.CreateMailboxAsync();
        var waiting = _imap.WaitForAsync(mailbox, "INBOX", 2);

        await _imap.AppendAsync(mailbox, Message("One"));
        await _imap.AppendAsync(mailbox, Message("Two"));

        Assert.Equal(["One", "Two"], (await waiting).Select(m => m.Subject));
    }

    [Fact]
    public async Task WaitForAsync_fails_at_its_deadline_naming_what_is_there()
    {
        var mailbox = await _imap.CreateMailboxAsync();
        await _imap.AppendAsync(mailbox, Message("Only one"));

        var failure = await Assert.ThrowsAsync<FailException>(() => _imap.WaitForAsync(mailbox, "INBOX", 2, TimeSpan.FromMilliseconds(300)));

        Assert.Contains("Expected 2 messages", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Only one", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_mailboxes_do_not_see_each_others_mail_or_passwords()
    {
        var first = await _imap.CreateMailboxAsync("first");
        var second = await _imap.CreateMailboxAsync("second");

        await _imap.AppendAsync(first, Message("For the first"));

        Assert.Equal(["For the first"], (await _imap.ListAsync(first)).Select(m => m.Subject));
        Assert.Empty(await _imap.ListAsync(second));
        using var client = new ImapClient();
        await client.ConnectAsync(TestImapServer.Host, _imap.Port, SecureSocketOptions.None);
        // One mechanism, one try: each further failure from this address would cost a growing penalty.
        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(new SaslMechanismPlain(first.UserName, second.Password)));
    }

    [Theory]
    [InlineData(SecureSocketOptions.SslOnConnect)]
    [InlineData(SecureSocketOptions.StartTls)]
    public async Task The_TLS_listeners_present_the_test_certificate(SecureSocketOptions security)
    {
        var mailbox = await _imap.CreateMailboxAsync();
        await _imap.AppendAsync(mailbox, Message("Over TLS"));

        using var client = await _imap.ConnectAsync(mailbox, security);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);

        Assert.True(client.IsSecure);
        Assert.Equal("Over TLS", (await client.Inbox.GetMessageAsync(0)).Subject);
    }

    [Fact]
    public async Task The_plain_listener_offers_no_TLS_and_a_client_that_does_not_trust_the_certificate_is_refused()
    {
        using (var plain = new ImapClient())
        {
            await plain.ConnectAsync(TestImapServer.Host, _imap.Port, SecureSocketOptions.None);
            Assert.False(plain.Capabilities.HasFlag(ImapCapabilities.StartTLS));
            Assert.False(plain.IsSecure);
        }

        using var untrusting = new ImapClient();
        await Assert.ThrowsAsync<SslHandshakeException>(() => untrusting.ConnectAsync(TestImapServer.TlsHost, _imap.SslOnConnectPort, SecureSocketOptions.SslOnConnect));
    }
}
