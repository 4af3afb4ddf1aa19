namespace HelpDesk.Web.Hosting;

/// <summary>
/// The headers every response carries. The Content-Security-Policy allows scripts and styles from
/// HelpDesk's own files only: no inline script or style attribute runs, so markup injected into a
/// case's text could not act even if it escaped encoding. Over HTTPS, Strict-Transport-Security tells
/// browsers to use nothing else for a year (the header is never sent over plain HTTP, where it would
/// mean nothing; nor to localhost, where it would pin a developer's browser to HTTPS for every port).
/// </summary>
public static class SecurityHeaders
{
    public static HeaderPolicyCollection Policy() =>
        new HeaderPolicyCollection()
            .AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(policy => policy.SameOrigin())
            .AddPermissionsPolicyWithDefaultSecureDirectives()
            .RemoveServerHeader()
            .AddStrictTransportSecurity(maxAgeInSeconds: 365 * 24 * 60 * 60, includeSubdomains: false, preload: false, excludedHosts: ["localhost"])
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
            });
}
