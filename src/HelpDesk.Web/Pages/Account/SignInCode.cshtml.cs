using HelpDesk.Application.Features.Staff;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Pages.Account;

/// <summary>
/// The second step of signing in for staff with one-time codes on: the password was right (Identity's
/// short-lived two-factor cookie says whose), now the code from their app or a recovery code, each
/// used once. Wrong codes count toward the same lockout as wrong passwords.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SignInLimits.Policy)]
public sealed class SignInCodeModel(SignInManager<StaffUser> signIn) : PageModel
{
    public const string Failure = "That code is not right, or the account is locked. Try the code your app shows now, or a recovery code.";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/account/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect("/account/sign-in");
        }

        var code = TwoFactorCodes.Normalise(Code);
        if (code.Length == 0)
        {
            ModelState.AddModelError(nameof(Code), "Enter the code from your authenticator app, or a recovery code.");
            return Page();
        }

        // Six digits are the app's code; anything else is read as a recovery code.
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        Code = null;
        ModelState.AddModelError(nameof(Code), Failure);
        return Page();
    }
}
