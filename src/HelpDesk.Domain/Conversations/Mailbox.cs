using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Conversations;

/// <summary>How HelpDesk talks to a mailbox's IMAP server.</summary>
public enum MailboxSecurity
{
    /// <summary>TLS from the first byte (IMAPS, usually port 993).</summary>
    Tls,

    /// <summary>Plain connection upgraded with STARTTLS before signing in (usually port 143).</summary>
    StartTls,

    /// <summary>No encryption: only for a server on this machine or a trusted network.</summary>
    None,
}

/// <summary>
/// An IMAP mailbox HelpDesk reads (docs/email.md): where it is, how to sign in, which folder, and
/// what a message that starts a new case gets: the department and complaint type, and the address
/// the customer's replies should go to. The password is kept protected; the domain never sees it
/// in clear.
/// </summary>
public sealed class Mailbox
{
    public const int NameMaxLength = 100;
    public const int HostMaxLength = 253;
    public const int UserNameMaxLength = 320;
    public const int FolderMaxLength = 200;
    public const int ErrorMaxLength = 2_000;
    public const string DefaultFolder = "INBOX";

    /// <summary>Where a handled message is moved, and one that failed <see cref="MailReceipt.MaxAttempts"/> times.</summary>
    public const string ProcessedFolder = "HelpDesk/Processed";
    public const string FailedFolder = "HelpDesk/Failed";

    private Mailbox() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Host { get; private set; } = "";
    public int Port { get; private set; }
    public MailboxSecurity Security { get; private set; }
    public string UserName { get; private set; } = "";

    /// <summary>The password as ASP.NET Core Data Protection protected it; never shown back.</summary>
    public string ProtectedPassword { get; private set; } = "";

    public string Folder { get; private set; } = DefaultFolder;
    public int DepartmentId { get; private set; }
    public int ComplaintTypeId { get; private set; }

    /// <summary>The address customers reply to: every email about a case from this mailbox says Reply-To this.</summary>
    public string ReplyAddress { get; private set; } = "";

    public bool IsActive { get; private set; } = true;

    /// <summary>Where and as whom to connect: what a reader and "test connection" need.</summary>
    public MailboxServer Server => new(Host, Port, Security, UserName, Folder);
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When a reader last went through the folder to the end, and what went wrong the last time it could not.</summary>
    public DateTimeOffset? LastReadAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }

    public static Mailbox Connect(MailboxSettings settings, string protectedPassword, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var mailbox = new Mailbox { CreatedAt = now };
        mailbox.Apply(settings);
        mailbox.ProtectedPassword = RequireProtected(protectedPassword);
        return mailbox;
    }

    /// <summary>New settings; a null <paramref name="protectedPassword"/> keeps the password as it is.</summary>
    public void Change(MailboxSettings settings, string? protectedPassword)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Apply(settings);
        if (protectedPassword is not null)
        {
            ProtectedPassword = RequireProtected(protectedPassword);
        }
    }

    public void Pause() => IsActive = false;

    public void Resume() => IsActive = true;

    public void RecordRead(DateTimeOffset at)
    {
        LastReadAt = at;
        LastError = null;
        LastErrorAt = null;
    }

    public void RecordProblem(string error, DateTimeOffset at)
    {
        var line = HeaderText.OneLine(error);
        LastError = line.Length <= ErrorMaxLength ? line : line[..ErrorMaxLength];
        LastErrorAt = at;
    }

    private void Apply(MailboxSettings s)
    {
        Name = Require(s.Name, "name", NameMaxLength);
        Host = Require(s.Host, "server", HostMaxLength);
        if (s.Port is < 1 or > 65535)
        {
            throw new DomainRuleException("The port is a number from 1 to 65535.");
        }

        Port = s.Port;
        Security = s.Security;
        UserName = Require(s.UserName, "user name", UserNameMaxLength);
        Folder = string.IsNullOrWhiteSpace(s.Folder) ? DefaultFolder : Require(s.Folder, "folder", FolderMaxLength);
        DepartmentId = s.DepartmentId;
        ComplaintTypeId = s.ComplaintTypeId;
        ReplyAddress = Require(s.ReplyAddress, "reply address", UserNameMaxLength);
    }

    private static string Require(string? value, string what, int maxLength)
    {
        var line = HeaderText.OneLine(value);
        if (line.Length == 0)
        {
            throw new DomainRuleException($"The mailbox's {what} is required.");
        }

        return line.Length <= maxLength ? line : throw new DomainRuleException($"The mailbox's {what} is longer than {maxLength} characters.");
    }

    private static string RequireProtected(string value) =>
        string.IsNullOrEmpty(value) ? throw new DomainRuleException("The mailbox's password is required.") : value;
}

/// <summary>An IMAP server, the account on it and the folder to read.</summary>
public sealed record MailboxServer(string Host, int Port, MailboxSecurity Security, string UserName, string Folder);

/// <summary>What an administrator enters for a mailbox, the password aside.</summary>
public sealed record MailboxSettings(
    string Name,
    string Host,
    int Port,
    MailboxSecurity Security,
    string UserName,
    string? Folder,
    int DepartmentId,
    int ComplaintTypeId,
    string ReplyAddress);
