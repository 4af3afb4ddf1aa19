using System.Net;
using System.Net.Sockets;
using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Application.Tests.Features.Administration;
using HelpDesk.Domain.Conversations;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Mailboxes;

/// <summary>
/// Connecting, changing, pausing and listing mailboxes through their handlers on PostgreSQL, and
/// "test connection" against the real Dovecot of <see cref="TestImapServer"/> (docs/email.md, "Setting up a mailbox").
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class MailboxAdministrationTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private const string Password = "imap password 2026";
    private int _billing;
    private int _billingType;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.ActAsAdministrator();
        await using var scope = fixture.Services.CreateAsyncScope();
        _billing = (await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _billingType = await fixture.TypeIdAsync("Billing issues");
    }

    public Task DisposeAsync()
    {
        fixture.ActAsAgent();
        return Task.CompletedTask;
    }

    private ConnectMailbox.Command Support(string name = "Support") => new()
    {
        Name = name,
        Host = "imap.example.com",
        Port = 993,
        Security = MailboxSecurity.Tls,
        UserName = "support@example.com",
        Folder = "",
        DepartmentId = _billing,
        ComplaintTypeId = _billingType,
        ReplyAddress = "support@example.com",
        Password = Password,
    };

    private static ChangeMailbox.Command Change(int id, ConnectMailbox.Command fields, string? password = null) =>
        new(fields) { Id = id, Password = password };

    private async Task<Mailbox> StoredAsync(int id)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    private string Unprotect(string protectedPassword) =>
        fixture.Services.GetRequiredService<MailboxPasswords>().Unprotect(protectedPassword);

    [Fact]
    public async Task A_connected_mailbox_keeps_its_password_protected_never_in_clear_and_reads_INBOX_by_default()
    {
        var id = await fixture.SendAsync(Support());

        var stored = await StoredAsync(id);
        Assert.Equal(("Support", "imap.example.com", 993, MailboxSecurity.Tls), (stored.Name, stored.Host, stored.Port, stored.Security));
        Assert.Equal((Mailbox.DefaultFolder, _billing, _billingType, "support@example.com"), (stored.Folder, stored.DepartmentId, stored.ComplaintTypeId, stored.ReplyAddress));
        Assert.True(stored.IsActive);
        Assert.DoesNotContain(Password, stored.ProtectedPassword, StringComparison.Ordinal);
        Assert.Equal(Password, Unprotect(stored.ProtectedPassword));
        await using var db = fixture.CreateDbContext();
        var change = await db.ConfigurationChanges.SingleAsync();
        Assert.Equal(("Mailbox Support", "Connected"), (change.Subject, change.Action));
        Assert.DoesNotContain(Password, change.After, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.ProtectedPassword, change.After, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<ConnectMailbox.Command, ConnectMailbox.Command>, string> BadFields => new()
    {
        { "no name", c => c with { Name = " " }, "Name" },
        { "name too long", c => c with { Name = new string('n', Mailbox.NameMaxLength + 1) }, "Name" },
        { "no server", c => c with { Host = "" }, "Host" },
        { "not a host name", c => c with { Host = "imap example com" }, "Host" },
        { "no port", c => c with { Port = null }, "Port" },
        { "port zero", c => c with { Port = 0 }, "Port" },
        { "port too big", c => c with { Port = 65536 }, "Port" },
        { "no security", c => c with { Security = null }, "Security" },
        { "unknown security", c => c with { Security = (MailboxSecurity)7 }, "Security" },
        { "no user", c => c with { UserName = "" }, "UserName" },
        { "user on two lines", c => c with { UserName = "support\r\nA1 LOGOUT" }, "UserName" },
        { "folder too long", c => c with { Folder = new string('f', Mailbox.FolderMaxLength + 1) }, "Folder" },
        { "no department", c => c with { DepartmentId = null }, "DepartmentId" },
        { "unknown department", c => c with { DepartmentId = 999_999 }, "DepartmentId" },
        { "no complaint type", c => c with { ComplaintTypeId = null }, "ComplaintTypeId" },
        { "unknown complaint type", c => c with { ComplaintTypeId = 999_999 }, "ComplaintTypeId" },
        { "no reply address", c => c with { ReplyAddress = "" }, "ReplyAddress" },
        { "reply address not an address", c => c with { ReplyAddress = "support at example" }, "ReplyAddress" },
        { "no password", c => c with { Password = "" }, "Password" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_mailbox_that_breaks_a_rule_is_refused_with_the_field_named_and_nothing_is_stored(string what, Func<ConnectMailbox.Command, ConnectMailbox.Command> spoil, string field)
    {
        Assert.NotEmpty(what);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(spoil(Support())));

        Assert.Equal([field], refused.Errors.Select(e => e.PropertyName).Distinct());
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.Mailboxes.AnyAsync());
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task A_second_mailbox_with_the_same_name_in_another_case_is_refused()
    {
        await fixture.SendAsync(Support());

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(Support("SUPPORT")));

        var failure = Assert.Single(refused.Errors);
        Assert.Equal(("Name", "There is already a mailbox called SUPPORT."), (failure.PropertyName, failure.ErrorMessage));
    }

    [Fact]
    public async Task A_change_with_a_blank_password_on_the_same_server_keeps_the_stored_password()
    {
        var id = await fixture.SendAsync(Support());
        var before = (await StoredAsync(id)).ProtectedPassword;

        // The same server: a host name's case does not matter.
        await fixture.SendAsync(Change(id, Support("Customer support") with { Host = "IMAP.Example.com", Folder = "Support", UserName = "desk@example.com", ReplyAddress = "desk@example.com" }));

        var after = await StoredAsync(id);
        Assert.Equal(("Customer support", "Support", "desk@example.com", "desk@example.com"), (after.Name, after.Folder, after.UserName, after.ReplyAddress));
        Assert.Equal(before, after.ProtectedPassword);
        await using var db = fixture.CreateDbContext();
        var change = await db.ConfigurationChanges.OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(("Mailbox Customer support", "Edited"), (change.Subject, change.Action));
    }

    public static TheoryData<string, Func<ConnectMailbox.Command, ConnectMailbox.Command>> OtherServers => new()
    {
        { "another host", c => c with { Host = "imap.elsewhere.example" } },
        { "another port", c => c with { Port = 143 } },
        { "another security", c => c with { Security = MailboxSecurity.StartTls } },
    };

    [Theory]
    [MemberData(nameof(OtherServers))]
    public async Task A_change_of_server_needs_the_password_typed_again_so_a_stored_one_never_goes_elsewhere(string what, Func<ConnectMailbox.Command, ConnectMailbox.Command> move)
    {
        Assert.NotEmpty(what);
        var id = await fixture.SendAsync(Support());
        var before = await StoredAsync(id);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(Change(id, move(Support()))));

        var failure = Assert.Single(refused.Errors);
        Assert.Equal("Password", failure.PropertyName);
        Assert.Contains("never sends a stored password to a different server", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal((before.Host, before.Port, before.Security), ((await StoredAsync(id)).Host, (await StoredAsync(id)).Port, (await StoredAsync(id)).Security));

        await fixture.SendAsync(Change(id, move(Support()), "the new server's password"));

        var moved = await StoredAsync(id);
        Assert.Equal("the new server's password", Unprotect(moved.ProtectedPassword));
        Assert.NotEqual(before.ProtectedPassword, moved.ProtectedPassword);
    }

    [Fact]
    public async Task A_change_to_a_mailbox_that_does_not_exist_is_not_found()
    {
        await Assert.ThrowsAsync<ConfigurationNotFoundException>(async () => await fixture.SendAsync(Change(404, Support(), "password")));
        await Assert.ThrowsAsync<ConfigurationNotFoundException>(async () => await fixture.SendAsync(new ChooseMailboxReading.Command(404, false)));
        Assert.Null(await fixture.SendAsync(new GetMailbox.Query(404)));
    }

    [Fact]
    public async Task A_paused_mailbox_is_listed_as_not_reading_until_it_is_resumed()
    {
        var id = await fixture.SendAsync(Support());

        await fixture.SendAsync(new ChooseMailboxReading.Command(id, Read: false));
        Assert.False((await StoredAsync(id)).IsActive);
        Assert.False(Assert.Single(await fixture.SendAsync(new ListMailboxes.Query())).IsActive);

        await fixture.SendAsync(new ChooseMailboxReading.Command(id, Read: true));
        Assert.True((await StoredAsync(id)).IsActive);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(["Connected", "Paused", "Resumed"], await db.ConfigurationChanges.OrderBy(c => c.Id).Select(c => c.Action).ToListAsync());
    }

    [Fact]
    public async Task The_list_and_the_edit_page_show_the_last_read_the_messages_handled_and_the_failures_with_their_reasons()
    {
        var id = await fixture.SendAsync(Support());
        var other = await fixture.SendAsync(Support("Sales") with { Host = "imap.sales.example" });
        var now = fixture.Clock.GetUtcNow();
        await using (var db = fixture.CreateDbContext())
        {
            var mailbox = await db.Mailboxes.SingleAsync(m => m.Id == id);
            mailbox.RecordRead(now.AddMinutes(-5));
            mailbox.RecordProblem("The server imap.example.com did not answer on port 993.", now.AddMinutes(-1));
            db.MailReceipts.AddRange(
                new MailReceipt(id, "a@x", MailOutcome.NewCase, null, null, now),
                new MailReceipt(id, "b@x", MailOutcome.Ignored, null, "our own mail", now),
                new MailReceipt(other, "c@x", MailOutcome.NewCase, null, null, now));
            var setAside = FailedMail.SetAside(id, "Broken attachment", "jordan@example.com", "The message could not be read: unexpected end of MIME part.", now.AddMinutes(-15));
            var retried = new MailFailure(id, "retry@x", "Still trying", "sam@example.com");
            retried.RecordAttempt("The database did not answer in time.", now.AddMinutes(-2));
            db.MailFailures.AddRange(setAside, retried, new MailFailure(other, "other@x", "Elsewhere", "x@example.com"));
            await db.SaveChangesAsync();
        }

        var listed = await fixture.SendAsync(new ListMailboxes.Query());

        Assert.Equal(["Sales", "Support"], listed.Select(m => m.Name));
        var support = listed.Single(m => m.Id == id);
        Assert.Equal(("imap.example.com", Mailbox.DefaultFolder, "Billing", true), (support.Host, support.Folder, support.Department, support.IsActive));
        Assert.Equal((now.AddMinutes(-5), "The server imap.example.com did not answer on port 993.", now.AddMinutes(-1)), (support.LastReadAt, support.LastError, support.LastErrorAt));
        Assert.Equal((2, 1), (support.Handled, support.SetAside));
        Assert.Equal((1, 0), (listed.Single(m => m.Id == other).Handled, listed.Single(m => m.Id == other).SetAside));

        var details = await fixture.SendAsync(new GetMailbox.Query(id));
        Assert.NotNull(details);
        Assert.Equal(("Support", "imap.example.com", 993, MailboxSecurity.Tls), (details.Fields.Name, details.Fields.Host, details.Fields.Port, details.Fields.Security));
        Assert.Equal(("support@example.com", _billing, _billingType), (details.Fields.UserName, details.Fields.DepartmentId, details.Fields.ComplaintTypeId));
        Assert.Equal(["Still trying", "Broken attachment"], details.Failures.Select(f => f.Subject));
        var failed = details.Failures[1];
        Assert.Equal(("jordan@example.com", MailReceipt.MaxAttempts, "The message could not be read: unexpected end of MIME part."), (failed.Sender, failed.Attempts, failed.Error));
        Assert.Equal((now.AddMinutes(-15), now.AddMinutes(-15)), (failed.LastAttemptAt, failed.SetAsideAt!.Value));
        Assert.Null(details.Failures[0].SetAsideAt);
        // Nothing the edit page is given carries the password, protected or not.
        var shown = System.Text.Json.JsonSerializer.Serialize(details);
        Assert.DoesNotContain(Password, shown, StringComparison.Ordinal);
        Assert.DoesNotContain((await StoredAsync(id)).ProtectedPassword, shown, StringComparison.Ordinal);
    }

    private static TestMailboxConnection.Command Testing(string host, int port, MailboxSecurity security, ImapMailbox account, string? password = null) => new()
    {
        Host = host,
        Port = port,
        Security = security,
        UserName = account.UserName,
        Password = password ?? account.Password,
    };

    [Theory]
    [InlineData(MailboxSecurity.None)]
    [InlineData(MailboxSecurity.StartTls)]
    [InlineData(MailboxSecurity.Tls)]
    public async Task Test_connection_signs_in_and_opens_INBOX_on_a_real_IMAP_server(MailboxSecurity security)
    {
        var imap = await TestImapServer.GetAsync();
        var account = await imap.CreateMailboxAsync();
        var (host, port) = security switch
        {
            MailboxSecurity.None => (TestImapServer.Host, imap.Port),
            MailboxSecurity.StartTls => (TestImapServer.TlsHost, imap.StartTlsPort),
            _ => (TestImapServer.TlsHost, imap.SslOnConnectPort),
        };

        var result = await fixture.SendAsync(Testing(host, port, security, account));

        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task Test_connection_with_a_blank_password_uses_the_stored_one_for_the_same_server_and_refuses_for_another()
    {
        var imap = await TestImapServer.GetAsync();
        var account = await imap.CreateMailboxAsync();
        var id = await fixture.SendAsync(Support() with
        {
            Host = TestImapServer.Host,
            Port = imap.Port,
            Security = MailboxSecurity.None,
            UserName = account.UserName,
            Password = account.Password,
        });

        var stored = await fixture.SendAsync(Testing(TestImapServer.Host, imap.Port, MailboxSecurity.None, account, "") with { MailboxId = id });
        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.SendAsync(Testing(TestImapServer.TlsHost, imap.StartTlsPort, MailboxSecurity.StartTls, account, "") with { MailboxId = id }));

        Assert.Null(stored.Problem);
        Assert.Equal(("Password", MailboxState.PasswordForAnotherServer), (Assert.Single(refused.Errors).PropertyName, refused.Errors.Single().ErrorMessage));
        var none = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(Testing(TestImapServer.Host, imap.Port, MailboxSecurity.None, account, "")));
        Assert.Equal("Enter the password to test with.", Assert.Single(none.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Test_connection_with_a_wrong_password_says_so_in_one_sentence()
    {
        var imap = await TestImapServer.GetAsync();
        var account = await imap.CreateMailboxAsync();

        var result = await fixture.SendAsync(Testing(TestImapServer.Host, imap.Port, MailboxSecurity.None, account, "not the password"));

        Assert.Equal("The server refused the user name or password.", result.Problem);
    }

    [Fact]
    public async Task Test_connection_to_a_missing_folder_names_the_folder()
    {
        var imap = await TestImapServer.GetAsync();
        var account = await imap.CreateMailboxAsync();

        var result = await fixture.SendAsync(Testing(TestImapServer.Host, imap.Port, MailboxSecurity.None, account) with { Folder = "Support" });

        Assert.Equal("There is no folder \"Support\" in this mailbox.", result.Problem);
    }

    [Fact]
    public async Task Test_connection_to_a_closed_port_says_the_server_did_not_answer_in_one_sentence()
    {
        var account = new ImapMailbox("nobody@desk.test", "password");
        int closed;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closed = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var result = await fixture.SendAsync(Testing(TestImapServer.Host, closed, MailboxSecurity.None, account));

        Assert.Equal($"The server 127.0.0.1 did not answer on port {closed}.", result.Problem);
    }
}
