using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// A mailbox's password, kept protected with ASP.NET Core Data Protection (the key ring every app
/// instance shares, in the database), so the database alone does not give the mail account away.
/// The clear password exists only while a reader or "test connection" signs in.
/// </summary>
public sealed class MailboxPasswords(IDataProtectionProvider provider)
{
    // A purpose of its own: nothing else protected with the key ring can be read as a password.
    private readonly IDataProtector _protector = provider.CreateProtector("HelpDesk.Mailboxes.Password.v1");

    public string Protect(string password) => _protector.Protect(password);

    public string Unprotect(string protectedPassword) => _protector.Unprotect(protectedPassword);
}

/// <summary>
/// Connects to a mailbox's server, signs in and opens the folder: null when all of it worked, else
/// one sentence for the administrator saying what failed. The host implements it over IMAP.
/// </summary>
public interface IMailboxConnectionTest
{
    Task<string?> ProblemAsync(Domain.Conversations.MailboxServer server, string password, CancellationToken cancellationToken);
}
