namespace HelpDesk.Web.Hosting;

/// <summary>
/// The headers every response carries. The Content-Security-Policy allows scripts and styles from
/// HelpDesk's own files only: no inline script or style attribute runs, so markup injected into a
/// case's text could not act even if it escaped encoding.
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
