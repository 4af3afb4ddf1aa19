using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Hosting;

/// <summary>The <c>HelpDesk:PublicForms</c> configuration section: how often one address may post a public form.</summary>
public sealed class PublicFormOptions
{
    public const string Section = "HelpDesk:PublicForms";

    /// <summary>Posts allowed per client address, per form, in one window.</summary>
    public int PermitLimit { get; set; } = 5;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Rate limits on the anonymous forms (making a complaint, checking a status): a fixed window per
/// client address and per form (the endpoint, however its path is spelled), counted on posts only, so
/// reading the form is never refused. A refusal answers 429 with Retry-After, which the status-code pages
/// turn into a friendly page.
/// </summary>
public static class PublicFormLimits
{
    public const string Policy = "public-forms";

    /// <summary>
    /// The survey form: counted per client address over every survey link together, since each link
    /// is its own path and a count per path would give anyone trying made-up tokens a fresh allowance.
    /// </summary>
    public const string SurveyPolicy = "survey-form";

    public static IServiceCollection AddPublicFormLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublicFormOptions.Section).Get<PublicFormOptions>() ?? new PublicFormOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                // Say when to try again (RFC 9110, 10.2.3), in whole seconds, rounded up.
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reading");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{client} {FormOf(context)}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = TimeSpan.FromSeconds(options.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            limiter.AddPolicy(SurveyPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reading");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{client} /survey", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitLimit,
                    Window = TimeSpan.FromSeconds(options.WindowSeconds),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>
    /// Which form a post is to: its endpoint's route pattern, since routing matches a path in any case and
    /// with or without a trailing slash (<c>/statuS</c>, <c>/STATUS/</c>), and counting per spelling would
    /// give each a fresh allowance. Rate limiting runs after routing, so the endpoint is known.
    /// </summary>
    private static string FormOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            ? pattern
            : (context.Request.Path.Value ?? "").TrimEnd('/').ToUpperInvariant();
}
