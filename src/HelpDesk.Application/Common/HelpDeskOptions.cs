using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Common;

/// <summary>The <c>HelpDesk</c> configuration section.</summary>
public sealed class HelpDeskOptions
{
    public const string Section = "HelpDesk";

    /// <summary>Letters before the year in every reference number, e.g. <c>HD</c> in HD-2026-004217-K.</summary>
    public string ReferencePrefix { get; set; } = "HD";

    /// <summary>The IANA zone the help desk keeps its office hours and shows its times in.</summary>
    public string TimeZone { get; set; } = "Europe/London";

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
    }
}
