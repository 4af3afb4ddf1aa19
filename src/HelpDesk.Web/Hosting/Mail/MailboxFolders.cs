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

    /// <summary>The raw bytes of several messages in one FETCH, by UID; a message expunged meanwhile is missing.</summary>
    public static async Task<Dictionary<UniqueId, byte[]>> RawAsync(ImapFolder folder, IList<UniqueId> uids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var raws = new Dictionary<UniqueId, byte[]>(uids.Count);
        await folder.GetStreamsAsync(uids, async (_, _, uid, stream, token) =>
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, token);
            raws[uid] = copy.ToArray();
        }, cancellationToken);
        return raws;
    }

    /// <summary>
    /// One UID MOVE for the lot where the server has MOVE; else one COPY, one STORE \Deleted and one
    /// EXPUNGE (only those messages with UIDPLUS).
    /// </summary>
    public static async Task MoveAsync(ImapClient client, IMailFolder folder, IList<UniqueId> uids, IMailFolder target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(uids);
        if (uids.Count == 0)
        {
            return;
        }

        if (client.Capabilities.HasFlag(ImapCapabilities.Move))
        {
            await folder.MoveToAsync(uids, target, cancellationToken);
            return;
        }

        await folder.CopyToAsync(uids, target, cancellationToken);
        await folder.AddFlagsAsync(uids, MessageFlags.Deleted, silent: true, cancellationToken);
        if (client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            await folder.ExpungeAsync(uids, cancellationToken);
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
