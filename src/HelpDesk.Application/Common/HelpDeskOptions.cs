namespace HelpDesk.Application.Common;

/// <summary>The <c>HelpDesk</c> configuration section.</summary>
public sealed class HelpDeskOptions : ICheckedOptions
{
    public const string Section = "HelpDesk";

    /// <summary>Letters before the year in every reference number, e.g. <c>HD</c> in HD-2026-004217-K.</summary>
    public string ReferencePrefix { get; set; } = "HD";

    /// <summary>The IANA zone the help desk keeps its office hours and shows its times in.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>
    /// The address customers reach HelpDesk at, for links in emails (e.g. the survey link). Configured,
    /// never taken from a request's Host header, which a caller could set to their own site.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>The staff case page, for the link in warnings and escalation notices.</summary>
    public string CaseLink(string reference) => $"{PublicBaseUrl.TrimEnd('/')}/cases/{Uri.EscapeDataString(reference)}";

    /// <summary>The page where a member of staff chooses a new password with the token emailed to them.</summary>
    public string PasswordResetLink(string userId, string token) =>
        $"{PublicBaseUrl.TrimEnd('/')}/account/reset-password?user={Uri.EscapeDataString(userId)}&token={Uri.EscapeDataString(token)}";

    public void Validate()
    {
        if (!ReferenceNumber.IsValidPrefix(ReferencePrefix))
        {
            throw new StartupProblemException($"HelpDesk:ReferencePrefix must be 1 to {ReferenceNumber.MaxPrefixLength} capital letters A–Z; '{ReferencePrefix}' is not.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            throw new StartupProblemException($"HelpDesk:TimeZone '{TimeZone}' is not a known IANA time zone (for example Europe/London).");
        }

        if (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var publicBase) || publicBase.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(publicBase.Query) || !string.IsNullOrEmpty(publicBase.Fragment))
        {
            throw new StartupProblemException($"HelpDesk:PublicBaseUrl must be an absolute http or https address (for example https://helpdesk.example.com); '{PublicBaseUrl}' is not.");
        }
    }
}
