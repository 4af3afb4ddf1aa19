using System.Net.Sockets;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Domain.Conversations;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace HelpDesk.Web.Hosting.Mail;

/// <summary>
/// The one way HelpDesk opens an IMAP mailbox (docs/email.md, "Setting up a mailbox"): connect with
/// the mailbox's security, sign in, open the folder; and the one way a failure is told to an
/// administrator, in one sentence.
/// </summary>
public static class ImapConnection
{
    /// <summary>How long one IMAP operation may take before it counts as the server not answering.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static SecureSocketOptions SocketOptions(MailboxSecurity security) => security switch
    {
        MailboxSecurity.Tls => SecureSocketOptions.SslOnConnect,
        MailboxSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>A connected, signed-in client; the caller disposes it.</summary>
    public static async Task<ImapClient> SignInAsync(MailboxServer server, string password, CancellationToken cancellationToken, Action<ImapClient>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new ImapClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            configure?.Invoke(client);
            await client.ConnectAsync(server.Host, server.Port, SocketOptions(server.Security), cancellationToken);
            await client.AuthenticateAsync(server.UserName, password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The folder to read, opened for reading and moving.</summary>
    public static async Task<IMailFolder> OpenFolderAsync(ImapClient client, MailboxServer server, FolderAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(server);
        var folder = string.Equals(server.Folder, Mailbox.DefaultFolder, StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(server.Folder, cancellationToken);
        await folder.OpenAsync(access, cancellationToken);
        return folder;
    }

    /// <summary>What went wrong, in one sentence an administrator can act on.</summary>
    public static string Explain(Exception failure, MailboxServer server)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(server);
        return failure switch
        {
            SslHandshakeException => $"The server {server.Host} did not complete a TLS handshake on port {server.Port}: check the security setting, and that the server's certificate is valid for {server.Host}.",
            AuthenticationException => "The server refused the user name or password.",
            FolderNotFoundException => $"There is no folder \"{server.Folder}\" in this mailbox.",
            SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => $"There is no server called {server.Host}.",
            SocketException or TimeoutException or OperationCanceledException or IOException => $"The server {server.Host} did not answer on port {server.Port}.",
            ImapProtocolException or ImapCommandException => $"The server on {server.Host} port {server.Port} did not answer as an IMAP server ({Domain.Messages.HeaderText.OneLine(failure.Message)}).",
            NotSupportedException when server.Security == MailboxSecurity.StartTls => $"The server {server.Host} does not offer STARTTLS on port {server.Port}.",
            _ => Domain.Messages.HeaderText.OneLine(failure.Message),
        };
    }
}

/// <summary>
/// How the host sets up every IMAP client before it connects. Not bound from configuration: in
/// production nothing is set and MailKit checks the server's certificate as usual; a test host trusts
/// its throwaway Dovecot's self-signed certificate here, and nothing else.
/// </summary>
public sealed class ImapClientOptions
{
    public Action<ImapClient>? Configure { get; set; }
}

/// <summary>"Test connection" over IMAP: sign in and open the folder, read-only, nothing changed.</summary>
public sealed class ImapMailboxConnectionTest(IOptions<ImapClientOptions> options) : IMailboxConnectionTest
{
    public async Task<string?> ProblemAsync(MailboxServer server, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ImapConnection.Timeout);
        try
        {
            using var client = await ImapConnection.SignInAsync(server, password, timeout.Token, options.Value.Configure);
            await ImapConnection.OpenFolderAsync(client, server, FolderAccess.ReadOnly, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return null;
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ImapConnection.Explain(failure, server);
        }
    }
}
