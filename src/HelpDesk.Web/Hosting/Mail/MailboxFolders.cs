using MailKit;
using MailKit.Net.Imap;

namespace HelpDesk.Web.Hosting.Mail;

/// <summary>The IMAP folder work a mailbox reader does: its own folders, a message's raw bytes, moving it, letting go.</summary>
public static class MailboxFolders
{
    /// <summary>A folder path as HelpDesk writes it ("HelpDesk/Processed") in the server's own separator.</summary>
    public static string FolderName(ImapClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        var separator = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0].DirectorySeparator : '/';
        return path.Replace('/', separator);
    }

    public static async Task<byte[]> RawAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        await using var stream = await folder.GetStreamAsync(uid, cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>MOVE where the server has it; else COPY, flag deleted and expunge (only that message with UIDPLUS).</summary>
    public static async Task MoveAsync(ImapClient client, IMailFolder folder, UniqueId uid, IMailFolder target, CancellationToken cancellationToken)
    {
        if (client.Capabilities.HasFlag(ImapCapabilities.Move))
        {
            await folder.MoveToAsync(uid, target, cancellationToken);
            return;
        }

        await folder.CopyToAsync(uid, target, cancellationToken);
        await folder.AddFlagsAsync(uid, MessageFlags.Deleted, silent: true, cancellationToken);
        if (client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            await folder.ExpungeAsync([uid], cancellationToken);
        }
        else
        {
            await folder.ExpungeAsync(cancellationToken);
        }
    }

    /// <summary>HelpDesk/Processed or HelpDesk/Failed, made (parent first) when the mailbox has none yet.</summary>
    public static async Task<IMailFolder> EnsureFolderAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(FolderName(client, path), cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            // Made below.
        }

        var current = client.GetFolder(client.PersonalNamespaces[0]);
        foreach (var name in path.Split('/'))
        {
            var existing = (await current.GetSubfoldersAsync(false, cancellationToken)).FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
            current = existing ?? await current.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new ImapCommandException(ImapCommandResponse.No, $"The server did not create the folder {path}.");
        }

        return current;
    }

    public static async Task DisconnectQuietlyAsync(ImapClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(quit: true, quick.Token);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ImapProtocolException or ImapCommandException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // Every message's outcome is already recorded; a failed goodbye changes nothing.
        }
    }
}
