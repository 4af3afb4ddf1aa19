using System.Threading.RateLimiting;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Every rate limit HelpDesk applies (the public forms, signing in), how a refusal is answered, and how
/// a post is counted: per client address and per form, posts only, so reading a form is never refused.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddHelpDeskRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRateLimiter(limiter =>
        {
            // The status-code pages turn a 429 into a friendly page; Retry-After says when to try again
            // (RFC 9110, 10.2.3), in whole seconds rounded up, whichever limiter refused.
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };
        });
        services.AddPublicFormLimits(configuration);
        services.AddSignInLimits(configuration);
        return services;
    }

    /// <summary>
    /// A fixed window of <paramref name="permitLimit"/> posts per <paramref name="windowSeconds"/> for one
    /// client address and one form (by default the endpoint's route pattern: <see cref="FormOf"/>).
    /// </summary>
    public static RateLimitPartition<string> PostsPerClient(HttpContext context, int permitLimit, int windowSeconds, string? form = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("reading");
        }

        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{client} {form ?? FormOf(context)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitLimit,
            Window = TimeSpan.FromSeconds(windowSeconds),
            QueueLimit = 0,
        });
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
