using System.Text.RegularExpressions;

namespace HelpDesk.Domain.Conversations;

/// <summary>
/// What the customer wrote this time (docs/email.md, "Content"): a reply usually carries the whole
/// exchange below it. The case shows the text above our "reply above this line" marker and above
/// the usual "On … wrote:" introductions of a quote; the full message stays for staff to open.
/// </summary>
public static partial class QuotedHistory
{
    /// <summary>The line every email HelpDesk sends starts with; a reply's text above it is the new part.</summary>
    public const string ReplyMarker = "##- Please type your reply above this line -##";

    public static string Trim(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var end = lines.Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (StartsHistory(lines, i))
            {
                end = i;
                break;
            }
        }

        // Trailing quoted lines ("> ...") with nothing new after them are the history too.
        while (end > 0 && (lines[end - 1].TrimStart().StartsWith('>') || lines[end - 1].Trim().Length == 0))
        {
            end--;
        }

        var kept = string.Join('\n', lines[..end]).Trim();
        // A reply that is nothing but the quote (someone replied above the marker with no words)
        // keeps the whole text rather than showing an empty message.
        return kept.Length > 0 ? kept : text.Trim();
    }

    private static bool StartsHistory(string[] lines, int i)
    {
        var line = lines[i].Trim().TrimStart('>').Trim();
        if (line.Contains("reply above this line", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (OriginalMessage().IsMatch(line))
        {
            return true;
        }

        // "On Tue, 1 Dec 2026 at 10:00, HelpDesk <help@example.com> wrote:" (or "Am ... schrieb
        // HelpDesk <...>:", "Le ... a écrit :"), which mail programs often wrap over two lines.
        if (Introduction().IsMatch(line))
        {
            return true;
        }

        return i + 1 < lines.Length && Opening().IsMatch(line) && Closing().IsMatch(lines[i + 1].Trim());
    }

    [GeneratedRegex(@"^(On|Am|Le|El|Il|Op|Den|På)\s.{4,300}\s(wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev)(\s.{0,300}?)?\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Introduction();

    [GeneratedRegex(@"^(On|Am|Le|El|Il|Op|Den|På)\s.{4,300}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Opening();

    [GeneratedRegex(@"^.{0,300}(wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev)(\s.{0,300}?)?\s*:\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Closing();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OriginalMessage();
}
