using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Conversations;

/// <summary>
/// What every email to a customer about a case looks like on top of its template (docs/email.md,
/// "Outgoing mail threads too"): the reference in the subject, once, so a reply that lost its
/// headers still joins by rule 2; and the marker line first, so the text the customer types above it
/// is what their reply shows (<see cref="QuotedHistory"/>).
/// </summary>
public static class CaseEmail
{
    public static RenderedMessage Threaded(RenderedMessage content, string reference)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = $"{QuotedHistory.ReplyMarker}\n\n{content.TextBody}";
        return new RenderedMessage(SubjectReference.Tag(content.Subject, reference), text, RenderedMessage.ToHtml(text));
    }
}
