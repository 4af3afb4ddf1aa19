namespace HelpDesk.Domain.Conversations;

/// <summary>
/// Who may speak on a case (docs/email.md, "Who may speak on a case"): a message counts as the
/// customer's only when its sender is the case's customer or an address already in the case's
/// conversation. Knowing a reference number must not let anyone write on a case.
/// </summary>
public static class CaseSpeakers
{
    public static bool SpeaksAsCustomer(string? sender, string? customerEmail, IEnumerable<string> conversationAddresses)
    {
        ArgumentNullException.ThrowIfNull(conversationAddresses);
        if (string.IsNullOrWhiteSpace(sender))
        {
            return false;
        }

        var address = sender.Trim();
        return string.Equals(address, customerEmail?.Trim(), StringComparison.OrdinalIgnoreCase)
            || conversationAddresses.Any(known => string.Equals(address, known?.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// At most <see cref="PerSenderPerHour"/> acknowledgements to one address in an hour (docs/email.md,
/// "Loops, bounces and noise"): past that, a robot that does not mark its mail as automatic still
/// cannot keep HelpDesk writing back. The cases are still logged, and their timeline says why no
/// acknowledgement went.
/// </summary>
public static class AcknowledgementAllowance
{
    public const int PerSenderPerHour = 5;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static bool Allows(int acknowledgementsInWindow) => acknowledgementsInWindow < PerSenderPerHour;

    public const string RefusalReason = "Not acknowledged by email: this address has been sent 5 acknowledgements in the last hour (a possible mail loop); acknowledge it by hand when it is real.";
}
