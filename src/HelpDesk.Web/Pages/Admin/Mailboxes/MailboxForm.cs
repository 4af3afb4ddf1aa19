using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Features.Staff;
using HelpDesk.Domain.Conversations;

namespace HelpDesk.Web.Pages.Admin.Mailboxes;

/// <summary>What the mailbox forms post: the fields, and a password that is never shown back.</summary>
public sealed record MailboxForm : MailboxFields
{
    public MailboxForm() { }

    public MailboxForm(MailboxFields fields) : base(fields) { }

    public string? Password { get; init; }

    public ConnectMailbox.Command ToConnect() => new(this) { Password = Password };

    public ChangeMailbox.Command ToChange(int id) => new(this) { Id = id, Password = Password };

    /// <param name="mailboxId">The mailbox whose stored password a blank one means; null on the new mailbox form.</param>
    public TestMailboxConnection.Command ToTest(int? mailboxId) => new(this) { MailboxId = mailboxId, Password = Password };

    /// <summary>What "test connection" says when it all worked.</summary>
    public string Connected => $"Connected: signed in and opened {(string.IsNullOrWhiteSpace(Folder) ? Mailbox.DefaultFolder : Folder.Trim())}.";
}

/// <summary>What the shared mailbox fields need from the page they are on.</summary>
public interface IMailboxPage
{
    MailboxForm Input { get; }
    IReadOnlyList<ListDepartments.Item> Departments { get; }
    IReadOnlyList<ListComplaintTypes.Item> ComplaintTypes { get; }

    /// <summary>An existing mailbox: a blank password keeps the stored one.</summary>
    bool Editing { get; }

    /// <summary>What the last "test connection" said; null when none was pressed.</summary>
    string? ConnectionResult { get; }
}

/// <summary>The choices both mailbox forms offer, loaded the same way.</summary>
internal static class MailboxChoices
{
    public static async Task<(IReadOnlyList<ListDepartments.Item> Departments, IReadOnlyList<ListComplaintTypes.Item> Types)> LoadAsync(ISender sender, CancellationToken cancellationToken) =>
        (await sender.Send(new ListDepartments.Query(), cancellationToken), await sender.Send(new ListComplaintTypes.Query(), cancellationToken));
}
