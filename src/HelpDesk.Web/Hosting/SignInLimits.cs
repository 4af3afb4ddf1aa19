namespace HelpDesk.Web.Hosting;

/// <summary>The <c>HelpDesk:SignIn</c> configuration section: how often one address may try to sign in.</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "HelpDesk:SignIn";

    /// <summary>Posts allowed per client address, per sign-in form, in one window.</summary>
    public int PermitLimit { get; set; } = 20;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Rate limits on the forms that take a password or a code before anyone is signed in. Lockout (5
/// wrong tries, 15 minutes) protects one account; this limit slows one address trying many accounts
/// with a few passwords each, which lockout never sees. Counted per client address and per page
/// endpoint, never per raw path, so <c>/account/SIGN-IN/</c> shares the allowance of
/// <c>/account/sign-in</c> (<see cref="RateLimits.PostsPerClient"/>). Posts only: reading the form is
/// never refused. A refusal answers 429 with Retry-After, the seconds left in the window.
/// </summary>
public static class SignInLimits
{
    public const string Policy = "sign-in";

    internal static IServiceCollection AddSignInLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SignInLimitOptions.Section).Get<SignInLimitOptions>() ?? new SignInLimitOptions();
        services.AddRateLimiter(limiter =>
            limiter.AddPolicy(Policy, context => RateLimits.PostsPerClient(context, options.PermitLimit, options.WindowSeconds)));
        return services;
    }
}
