namespace HelpDesk.Application.Persistence;

/// <summary>
/// A form's one-time token, stored in the same transaction as the step it sent. Its key is the token,
/// so a second post of the same form can never record the step again, even from another instance.
/// </summary>
public sealed class CaseActionReceipt
{
    public Guid ActionId { get; set; }
    public long ComplaintId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
