using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// A mailbox as its form posts it, the password aside (docs/email.md, "Setting up a mailbox"): the
/// commands that connect and change a mailbox are these fields and a little more.
/// </summary>
public record MailboxFields
{
    public string? Name { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public MailboxSecurity? Security { get; init; }
    public string? UserName { get; init; }

    /// <summary>Blank reads <see cref="Mailbox.DefaultFolder"/>.</summary>
    public string? Folder { get; init; }

    public int? DepartmentId { get; init; }
    public int? ComplaintTypeId { get; init; }
    public string? ReplyAddress { get; init; }

    /// <summary>The fields as the domain takes them; only once the validator has passed them.</summary>
    internal MailboxSettings Settings => new(Name!, Host!, Port!.Value, Security!.Value, UserName!, Folder, DepartmentId!.Value, ComplaintTypeId!.Value, ReplyAddress!.Trim());

    /// <summary>Where and as whom to sign in, with the folder as the mailbox will store it.</summary>
    internal MailboxServer Server => new(
        HeaderText.OneLine(Host), Port!.Value, Security!.Value, HeaderText.OneLine(UserName),
        string.IsNullOrWhiteSpace(Folder) ? Mailbox.DefaultFolder : HeaderText.OneLine(Folder));
}

/// <summary>What the audit record and the pages say of a mailbox; never its password.</summary>
internal static class MailboxState
{
    public static object Of(Mailbox mailbox) => new
    {
        mailbox.Name,
        Server = $"{mailbox.Host}:{mailbox.Port}",
        Security = mailbox.Security.ToString(),
        User = mailbox.UserName,
        mailbox.Folder,
        mailbox.DepartmentId,
        mailbox.ComplaintTypeId,
        mailbox.ReplyAddress,
        Reading = mailbox.IsActive ? "On" : "Paused",
    };

    public static string Subject(Mailbox mailbox) => $"Mailbox {mailbox.Name}";

    /// <summary>Names are unique whatever their case, like departments: two "Support" mailboxes would confuse staff.</summary>
    public static Task<bool> AnyNamedAsync(this DbSet<Mailbox> mailboxes, string name, int? exceptId, CancellationToken cancellationToken)
    {
        var wanted = HeaderText.OneLine(name).ToUpperInvariant();
        return mailboxes.AnyAsync(m => m.Name.ToUpper() == wanted && m.Id != exceptId, cancellationToken);
    }

    public static async Task<Mailbox> ExistingAsync(this DbSet<Mailbox> mailboxes, int id, CancellationToken cancellationToken) =>
        await mailboxes.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) ?? throw new ConfigurationNotFoundException("mailbox", id);

    /// <summary>
    /// Whether a mailbox's stored password may be used with these fields: only for the server it was
    /// given for (host, port and security; a host name's case does not matter), so a stored password
    /// is never sent anywhere else. True when the mailbox or the server fields are missing: those
    /// have messages of their own.
    /// </summary>
    public static async Task<bool> StoredPasswordFitsAsync(this HelpDeskDbContext db, int? mailboxId, MailboxFields fields, CancellationToken cancellationToken)
    {
        if (mailboxId is null)
        {
            return false;
        }

        var stored = await db.Mailboxes.AsNoTracking().Where(m => m.Id == mailboxId).Select(m => new { m.Host, m.Port, m.Security }).SingleOrDefaultAsync(cancellationToken);
        return stored is null || fields.Host is null || fields.Port is null || fields.Security is null
            || (string.Equals(stored.Host, fields.Server.Host, StringComparison.OrdinalIgnoreCase) && stored.Port == fields.Port && stored.Security == fields.Security);
    }

    public const string PasswordForAnotherServer =
        "Enter the password again: the server, port or security changed, and HelpDesk never sends a stored password to a different server.";
}

/// <summary>The rules every mailbox form obeys, each message beside the field it is about.</summary>
internal sealed class MailboxFieldsValidator<T> : AbstractValidator<T>
    where T : MailboxFields
{
    /// <param name="exceptId">The mailbox being changed, whose own name is not taken; null when connecting a new one.</param>
    public MailboxFieldsValidator(HelpDeskDbContext db, Func<T, int?> exceptId)
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the mailbox's name, e.g. Support.")
            .Must(MailboxServerValidator<T>.OneLine).WithMessage("Keep the name to one line.")
            .Must(n => n!.Trim().Length <= Mailbox.NameMaxLength).WithMessage($"Keep the name to {Mailbox.NameMaxLength} characters or fewer.")
            .MustAsync(async (c, name, ct) => !await db.Mailboxes.AnyNamedAsync(name!, exceptId(c), ct))
            .WithMessage(c => $"There is already a mailbox called {c.Name!.Trim()}.");
        Include(new MailboxServerValidator<T>());
        RuleFor(c => c.DepartmentId).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Choose the department new cases from this mailbox go to.")
            .MustAsync(async (id, ct) => await db.Departments.AnyAsync(d => d.Id == id, ct)).WithMessage("Choose a department from the list.");
        RuleFor(c => c.ComplaintTypeId).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Choose the complaint type new cases from this mailbox get.")
            .MustAsync(async (id, ct) => await db.ComplaintTypes.AnyAsync(t => t.Id == id && t.IsActive, ct)).WithMessage("Choose a complaint type from the list (one offered for new cases).");
        RuleFor(c => c.ReplyAddress).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the address customers reply to, e.g. support@example.com.")
            .Must(MailboxServerValidator<T>.OneLine).WithMessage("Enter an email address like support@example.com.")
            .MaximumLength(Mailbox.UserNameMaxLength).WithMessage($"An address has at most {Mailbox.UserNameMaxLength} characters.")
            .EmailAddress().WithMessage("Enter an email address like support@example.com.");
    }
}

/// <summary>What signing in needs (server, port, security, user, folder): all a connection test checks.</summary>
internal sealed class MailboxServerValidator<T> : AbstractValidator<T>
    where T : MailboxFields
{
    public MailboxServerValidator()
    {
        RuleFor(c => c.Host).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the IMAP server's name, e.g. imap.example.com.")
            .Must(h => h!.Trim().Length <= Mailbox.HostMaxLength).WithMessage($"A server name has at most {Mailbox.HostMaxLength} characters.")
            .Must(h => Uri.CheckHostName(h!.Trim()) != UriHostNameType.Unknown).WithMessage("Enter a server name such as imap.example.com, or an IP address.");
        RuleFor(c => c.Port).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the port: usually 993 for TLS, 143 for STARTTLS.")
            .InclusiveBetween(1, 65535).WithMessage("The port is a number from 1 to 65535: usually 993 for TLS, 143 for STARTTLS.");
        RuleFor(c => c.Security).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Choose how to connect: TLS, STARTTLS or none.")
            .IsInEnum().WithMessage("Choose how to connect: TLS, STARTTLS or none.");
        RuleFor(c => c.UserName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the user name the mailbox signs in with.")
            .Must(OneLine).WithMessage("Keep the user name to one line.")
            .Must(u => u!.Trim().Length <= Mailbox.UserNameMaxLength).WithMessage($"A user name has at most {Mailbox.UserNameMaxLength} characters.");
        RuleFor(c => c.Folder).Cascade(CascadeMode.Stop)
            .Must(OneLine).WithMessage("Keep the folder's name to one line.")
            .Must(f => f is null || f.Trim().Length <= Mailbox.FolderMaxLength).WithMessage($"A folder's name has at most {Mailbox.FolderMaxLength} characters.");
    }

    internal static bool OneLine(string? text) => !HeaderText.HasControlCharacters(text);
}
