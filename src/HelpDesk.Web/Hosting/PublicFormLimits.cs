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
/// reading the form is never refused. Refusals are answered as every limit's are (<see cref="RateLimits"/>).
/// </summary>
public static class PublicFormLimits
{
    public const string Policy = "public-forms";

    /// <summary>
    /// The survey form: counted per client address over every survey link together, since each link
    /// is its own path and a count per path would give anyone trying made-up tokens a fresh allowance.
    /// </summary>
    public const string SurveyPolicy = "survey-form";

    internal static IServiceCollection AddPublicFormLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(PublicFormOptions.Section).Get<PublicFormOptions>() ?? new PublicFormOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context => RateLimits.PostsPerClient(context, options.PermitLimit, options.WindowSeconds));
            limiter.AddPolicy(SurveyPolicy, context => RateLimits.PostsPerClient(context, options.PermitLimit, options.WindowSeconds, form: "/survey"));
        });
        return services;
    }
}
