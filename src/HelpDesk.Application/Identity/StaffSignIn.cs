using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Identity;

/// <summary>
/// Identity's sign-in, with one change: every way a password sign-in fails (an unknown email, a wrong
/// password, a deactivated or a locked account) costs the same work, so the time an answer takes says
/// nothing about which it was. Each finds the account by email, checks one password hash (the
/// account's, or <see cref="StandInPasswordHash"/> when there is none) and runs the one UPDATE that
/// counts a failure (<see cref="StaffAccounts.CountFailedSignInAsync"/>), which changes no row when the
/// account is unknown, deactivated or already locked. Identity's own check answers a locked account
/// before hashing anything and an unknown one before writing anything.
/// </summary>
public sealed class StaffSignIn(
    StaffAccounts accounts,
    StandInPasswordHash standIn,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(accounts, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>
    /// Signs in with an email and password, or answers <see cref="SignInResult.RequiresTwoFactor"/> when
    /// the account also asks for a one-time code. Every refusal is <see cref="SignInResult.Failed"/>.
    /// </summary>
    public async Task<SignInResult> SignInWithPasswordAsync(string email, string password)
    {
        var user = await accounts.FindByEmailAsync(email);
        var matches = user is null ? standIn.Check(password) : await accounts.CheckPasswordAsync(user, password);
        if (user is { IsActive: true } && matches && !await accounts.IsLockedOutAsync(user))
        {
            // With a second factor to come, the count of failures stays until the code is right too:
            // otherwise the password alone would give a guesser of codes a fresh allowance every time.
            if (!await accounts.GetTwoFactorEnabledAsync(user))
            {
                await accounts.ResetAccessFailedCountAsync(user);
            }

            // A new session cookie every time: whatever cookie the browser brought is replaced, never upgraded.
            return await SignInOrTwoFactorAsync(user, isPersistent: false);
        }

        await accounts.CountFailedSignInAsync(user?.Id);
        return SignInResult.Failed;
    }
}

/// <summary>
/// A hash of a password nobody knows, made once with the hashing settings in force, which an unknown
/// email's password is checked against so that it takes as long as checking a real account's.
/// </summary>
public sealed class StandInPasswordHash(IOptions<PasswordHasherOptions> options)
{
    private readonly PasswordHasher<StaffUser> _hasher = new(options);
    private readonly StaffUser _nobody = new();
    private readonly Lazy<string> _hash = new(() => new PasswordHasher<StaffUser>(options).HashPassword(new StaffUser(), Guid.NewGuid().ToString()));


    /// <summary>Always false (nobody knows the password), after the same work as checking a real one.</summary>
    public bool Check(string password)
    {
        _ = _hasher.VerifyHashedPassword(_nobody, _hash.Value, password);
        return false;
    }
}
