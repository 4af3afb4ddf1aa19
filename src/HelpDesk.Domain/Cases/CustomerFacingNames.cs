namespace HelpDesk.Domain.Cases;

/// <summary>
/// How a member of staff is named to a customer (docs/public-forms.md, "What the customer sees"): by
/// first name only, never a surname, beside the department that has the case; the department alone
/// when nobody is named. The one rule for the status page, every customer email and the letter.
/// </summary>
public static class CustomerFacingNames
{
    /// <summary>"Alice Agentone" is "Alice" to a customer.</summary>
    public static string FirstName(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var trimmed = displayName.Trim();
        var space = trimmed.IndexOfAny([' ', '\t']);
        return space < 0 ? trimmed : trimmed[..space];
    }

    /// <summary>Who has the case, for a sentence: "Alice in Billing", or "Billing" when nobody is named.</summary>
    public static string HandledBy(string department, string? staffName) =>
        string.IsNullOrWhiteSpace(staffName) ? department : $"{FirstName(staffName)} in {department}";

    /// <summary>Who signs: the first name above the department, or the department alone.</summary>
    public static string Signature(string department, string? staffName) =>
        string.IsNullOrWhiteSpace(staffName) ? department : $"{FirstName(staffName)}\n{department}";

    /// <summary>The person's first name, or the department when nobody is named.</summary>
    public static string ReferredTo(string department, string? staffName) =>
        string.IsNullOrWhiteSpace(staffName) ? department : FirstName(staffName);

    /// <summary>Who wrote a reply the customer reads: "Alice, Billing", or the department alone.</summary>
    public static string Byline(string department, string? staffName) =>
        string.IsNullOrWhiteSpace(staffName) ? department : $"{FirstName(staffName)}, {department}";
}
