using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Customers;

/// <summary>The <c>HelpDesk:Customers</c> configuration section.</summary>
public sealed class CustomerOptions : ICheckedOptions
{
    public const string Section = "HelpDesk:Customers";

    /// <summary>How long the status link in a case email opens the status page (docs/security.md, "The customer's status link").</summary>
    public TimeSpan StatusLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    public void Validate()
    {
        if (StatusLinkLifetime <= TimeSpan.Zero)
        {
            throw new StartupProblemException("HelpDesk:Customers:StatusLinkLifetime must be positive, for example 30.00:00:00 for thirty days.");
        }
    }
}

/// <summary>
/// Which case a customer may see on the status page without typing anything: the reference and the
/// email or phone the case was looked up by. The status page holds it for the browser session.
/// </summary>
public sealed record CaseAccess(string Reference, string Contact)
{
    /// <summary>The longest token read at all: a genuine one is a few hundred characters.</summary>
    public const int TokenMaxLength = 1_000;

    /// <summary>This access as a token of <paramref name="protector"/>'s purpose, good for <paramref name="lifetime"/>.</summary>
    public string Protect(ITimeLimitedDataProtector protector, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(protector);
        return protector.Protect(Written, lifetime);
    }

    /// <summary>
    /// The one reading of a case-access token, the status link's and the session cookie's alike: the
    /// access it holds, or null when it is empty, too long, altered, forged, cut short, of another
    /// purpose or expired.
    /// </summary>
    public static CaseAccess? Unprotect(ITimeLimitedDataProtector protector, string? token)
    {
        ArgumentNullException.ThrowIfNull(protector);
        if (string.IsNullOrWhiteSpace(token) || token.Length > TokenMaxLength)
        {
            return null;
        }

        try
        {
            return Read(protector.Unprotect(token, out _));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    // The two on two lines: neither a reference nor an email or phone holds a line break.
    private string Written => $"{Reference}\n{Contact.Trim()}";

    private static CaseAccess? Read(string written) =>
        written.Split('\n') is [{ Length: > 0 } reference, { Length: > 0 } contact] ? new CaseAccess(reference, contact) : null;
}

/// <summary>
/// The signed, expiring link in every email HelpDesk sends a customer about a case
/// (docs/security.md, "The customer's status link"): the case's reference and the customer's email,
/// encrypted and signed by Data Protection under a purpose of its own, with the expiry inside
/// (<see cref="ITimeLimitedDataProtector"/>). A changed, cut or forged token and an expired one both
/// read as nothing: the page asks for the reference and email instead.
/// </summary>
public sealed class StatusLink(IDataProtectionProvider protection, IOptions<HelpDeskOptions> desk, IOptions<CustomerOptions> customers)
{
    public const string Purpose = "HelpDesk.Customers.StatusLink.v1";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    /// <summary>
    /// A token for the case, good for the configured lifetime. Data Protection checks the expiry
    /// against the system clock when it reads the token, so it is set from that clock too.
    /// </summary>
    public string TokenFor(string reference, string email) =>
        new CaseAccess(reference, email.Trim().ToLowerInvariant()).Protect(_protector, customers.Value.StatusLinkLifetime);

    public string LinkFor(string reference, string email) =>
        $"{desk.Value.PublicBaseUrl.TrimEnd('/')}/status/link/{TokenFor(reference, email)}";

    /// <summary>Whose case the token opens; null when it was altered, forged, cut short or has expired.</summary>
    public CaseAccess? Read(string? token) => CaseAccess.Unprotect(_protector, token);
}

public static class CustomerRegistration
{
    public static IServiceCollection AddHelpDeskCustomers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCheckedOptions<CustomerOptions>(configuration, CustomerOptions.Section);
        services.AddDataProtection();
        services.AddSingleton<StatusLink>();
        return services;
    }
}
