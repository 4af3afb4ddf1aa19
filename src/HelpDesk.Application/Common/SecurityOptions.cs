namespace HelpDesk.Application.Common;

/// <summary>The <c>HelpDesk:Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    public const string Section = "HelpDesk:Security";

    /// <summary>When true, an administrator without one-time codes is sent to set them up before anything else.</summary>
    public bool RequireTwoFactorForAdministrators { get; set; }

    /// <summary>How long an emailed password-reset link works (it works once in any case).</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);
}
