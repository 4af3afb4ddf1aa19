using System.ComponentModel.DataAnnotations;

namespace HelpDesk.Web.Pages.Account;

[AllowAnonymous]
[EnableRateLimiting(SignInLimits.Policy)]
public sealed class SignInModel(StaffSignIn signIn) : PageModel
{
    /// <summary>Unknown, wrong, deactivated and locked out all read the same, so the form reveals no accounts.</summary>
    public const string Failure = "That email and password do not match an active account, or the account is locked. Try again, or ask an administrator.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Unknown, wrong, deactivated and locked cost the same work as well as reading the same (StaffSignIn).
        var result = await signIn.SignInWithPasswordAsync(Input.Email!, Input.Password!);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode", new { ReturnUrl });
        }

        ModelState.AddModelError("", Failure);
        return Page();
    }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@example.com.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Enter your password.")]
        public string? Password { get; set; }
    }
}
