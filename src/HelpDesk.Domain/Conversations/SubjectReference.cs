using System.Text.RegularExpressions;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Conversations;

/// <summary>
/// The second threading rule (docs/email.md, "Which case a message joins"): a subject that holds a
/// valid reference number joins that case, whatever reply or forward prefixes (<c>Re:</c>,
/// <c>RE: RE:</c>, <c>Fwd:</c>, <c>FW:</c>, <c>AW:</c>, <c>WG:</c>, <c>SV:</c>, <c>Antw:</c>) and
/// brackets surround it, and whether it was typed by hand. A reference whose check letter is wrong
/// matches nothing: a mistyped number must not put a message on someone else's case.
/// </summary>
public static partial class SubjectReference
{
    /// <summary>The first reference in <paramref name="subject"/> whose check letter is right, or null.</summary>
    public static ReferenceNumber? Find(string? subject)
    {
        if (string.IsNullOrEmpty(subject))
        {
            return null;
        }

        foreach (Match candidate in Candidate().Matches(subject))
        {
            if (ReferenceNumber.Read(candidate.Value).Reference is { } reference)
            {
                return reference;
            }
        }

        return null;
    }

    /// <summary>
    /// The subject an outgoing email about <paramref name="reference"/> carries: the reference once,
    /// in brackets in front unless the subject names it already (a template's "reference {reference}",
    /// or a customer's subject quoted in a reply). Another case's reference in the subject does not
    /// count: this case's is added.
    /// </summary>
    public static string Tag(string subject, string reference)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return Names(subject, reference) ? subject : $"[{reference}] {subject}".TrimEnd();
    }

    /// <summary>Whether any valid reference in <paramref name="subject"/> is <paramref name="reference"/>.</summary>
    private static bool Names(string subject, string reference)
    {
        foreach (Match candidate in Candidate().Matches(subject))
        {
            if (ReferenceNumber.Read(candidate.Value).Reference?.ToString() == reference)
            {
                return true;
            }
        }

        return false;
    }

    // A prefix of letters, the year, the counter and the check letter, with the hyphens or spaces a
    // person might type between them; the letters and digits must not run on into a longer word.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{1,6}[\s\-\u2013\u2011]?[0-9]{4}[\s\-\u2013\u2011]?[0-9]{6,12}[\s\-\u2013\u2011]?[A-Za-z](?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}
