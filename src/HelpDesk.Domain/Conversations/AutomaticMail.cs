namespace HelpDesk.Domain.Conversations;

/// <summary>
/// Loops and noise (docs/email.md, "Loops, bounces and noise"): a message written by a machine is
/// never acknowledged and never reopens or resumes anything, so an out-of-office reply to our
/// acknowledgement cannot start an endless exchange of automatic mail.
/// </summary>
public static class AutomaticMail
{
    private static readonly string[] DaemonLocalParts = ["mailer-daemon", "postmaster"];
    private static readonly string[] AutoReplyHeaders = ["X-Autoreply", "X-Autorespond"];

    /// <summary>
    /// Why the message is automatic, as a short phrase for the timeline, or null when a person wrote it.
    /// </summary>
    /// <param name="header">Reads a header's first value by name (case-insensitive), null when absent.</param>
    /// <param name="senderAddress">The From address.</param>
    /// <param name="ownAddresses">HelpDesk's sending address and every mailbox's address and reply address.</param>
    public static string? Reason(Func<string, string?> header, string? senderAddress, IEnumerable<string> ownAddresses)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(ownAddresses);
        if (IsOwnAddress(senderAddress, ownAddresses))
        {
            return "sent from HelpDesk's own address";
        }

        if (IsMailSystem(senderAddress))
        {
            return $"sent by {LocalPart(senderAddress!)}";
        }

        if (header("Auto-Submitted") is { } autoSubmitted && !string.Equals(FirstToken(autoSubmitted), "no", StringComparison.OrdinalIgnoreCase))
        {
            return $"Auto-Submitted: {FirstToken(autoSubmitted)}";
        }

        if (header("Precedence") is { } precedence && FirstToken(precedence).ToLowerInvariant() is "bulk" or "junk" or "list")
        {
            return $"Precedence: {FirstToken(precedence).ToLowerInvariant()}";
        }

        if (AutoReplyHeaders.FirstOrDefault(name => header(name) is not null) is { } marker)
        {
            return $"{marker} header";
        }

        return header("List-Id") is not null ? "mailing list (List-Id)" : null;
    }

    /// <summary>MAILER-DAEMON or postmaster: a mail server writing, never a customer.</summary>
    public static bool IsMailSystem(string? address) =>
        !string.IsNullOrWhiteSpace(address) && DaemonLocalParts.Contains(LocalPart(address), StringComparer.OrdinalIgnoreCase);

    public static bool IsOwnAddress(string? address, IEnumerable<string> ownAddresses)
    {
        ArgumentNullException.ThrowIfNull(ownAddresses);
        return !string.IsNullOrWhiteSpace(address) && ownAddresses.Any(own => string.Equals(own?.Trim(), address.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private static string LocalPart(string address)
    {
        var trimmed = address.Trim();
        var at = trimmed.IndexOf('@');
        return at > 0 ? trimmed[..at] : trimmed;
    }

    private static string FirstToken(string value)
    {
        var trimmed = value.Trim();
        var end = trimmed.IndexOfAny([';', ' ', '\t', '(']);
        return end < 0 ? trimmed : trimmed[..end];
    }
}
