using HelpDesk.Application.Features.Customers;
using Microsoft.AspNetCore.DataProtection;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Which one case this browser may see and write on without typing the reference and email again
/// (docs/security.md, "The customer's status link"): granted by a right lookup or a genuine status link,
/// kept in a cookie for the browser session, encrypted and signed by Data Protection under a purpose of
/// its own and good for <see cref="Lifetime"/> at most. HttpOnly, SameSite=Lax (the link is opened from
/// a mail program), Secure over HTTPS, sent only to <c>/status</c>.
/// </summary>
public sealed class CustomerCaseAccess(IDataProtectionProvider protection)
{
    public const string CookieName = "HelpDesk.Case";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    private const string Purpose = "HelpDesk.Customers.CaseAccess.v1";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public void Grant(HttpContext http, CaseAccess access)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(access);
        http.Response.Cookies.Append(CookieName, access.Protect(_protector, Lifetime), Options(http));
    }

    /// <summary>The case this browser was let into; null when none, or the cookie was altered or has expired.</summary>
    public CaseAccess? Read(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Request.Cookies.TryGetValue(CookieName, out var value) ? CaseAccess.Unprotect(_protector, value) : null;
    }

    public void End(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        http.Response.Cookies.Delete(CookieName, Options(http));
    }

    private static CookieOptions Options(HttpContext http) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        Path = "/status",
        IsEssential = true,
    };
}
