using System.Net;
using System.Text;

namespace HelpDesk.Domain.Messages;

/// <summary>
/// A template with its values in: a one-line subject, the plain-text body, and an HTML rendering made
/// from the text. Values go in as text: HTML in a customer's name is encoded in the HTML part, and a
/// line break in a value can never make the subject two lines.
/// </summary>
public sealed record RenderedMessage(string Subject, string TextBody, string HtmlBody)
{
    public static RenderedMessage From(string subjectTemplate, string bodyTemplate, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var subject = HeaderText.OneLine(TemplateText.Render(subjectTemplate, values));
        var text = TemplateText.Render(bodyTemplate, values).Replace("\r\n", "\n", StringComparison.Ordinal);
        return new RenderedMessage(subject, text, ToHtml(text));
    }

    /// <summary>Paragraphs at blank lines, line breaks within them; every character of the text encoded.</summary>
    public static string ToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n");
        var paragraphs = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var paragraph in paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            html.Append("<p>")
                .AppendJoin("<br>\n", paragraph.Trim('\n').Split('\n').Select(WebUtility.HtmlEncode))
                .Append("</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }
}

/// <summary>Text bound for a mail header: control characters (CR, LF, tab, NUL...) become spaces, so no value adds a header.</summary>
public static class HeaderText
{
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var line = new StringBuilder(text.Length);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            var space = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (space && lastWasSpace)
            {
                continue;
            }

            line.Append(space ? ' ' : c);
            lastWasSpace = space;
        }

        return line.ToString().Trim();
    }

    public static bool HasControlCharacters(string? text) => text is not null && text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');
}
