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
/// client address and per form, counted on posts only, so reading the form is never refused. A
/// refusal answers 429, which the status-code pages turn into a friendly page.
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
            limiter.AddPolicy(Policy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reading");
                }

                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter($"{client} {context.Request.Path}", _ => new FixedWindowRateLimiterOptions
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
}
