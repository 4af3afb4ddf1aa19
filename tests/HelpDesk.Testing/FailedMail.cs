using HelpDesk.Domain.Conversations;

namespace HelpDesk.Testing;

/// <summary>Messages a mailbox reader gave up on, as the mailbox pages and their tests show them.</summary>
public static class FailedMail
{
    /// <summary>A message that failed <see cref="MailReceipt.MaxAttempts"/> times with <paramref name="error"/>, the last at <paramref name="at"/>, and was set aside then.</summary>
    public static MailFailure SetAside(int mailboxId, string subject, string sender, string error, DateTimeOffset at)
    {
        var failure = new MailFailure(mailboxId, $"{Guid.NewGuid():N}@{sender.Split('@')[^1]}", subject, sender);
        for (var attempt = 0; attempt < MailReceipt.MaxAttempts; attempt++)
        {
            failure.RecordAttempt(error, at);
        }

        failure.RecordSetAside(at);
        return failure;
    }
}
