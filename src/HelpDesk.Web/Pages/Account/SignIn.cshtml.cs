using System.ComponentModel.DataAnnotations;
using HelpDesk.Application.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<StaffUser> signIn, UserManager<StaffUser> users) : PageModel
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

        var user = await users.FindByEmailAsync(Input.Email!);
        if (user is not null && user.IsActive)
        {
            // A new session cookie every time: whatever cookie the browser brought is replaced, never upgraded.
            var result = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            }
        }
        else
        {
            // Hash anyway (the same work as checking one), so an unknown or deactivated account takes as
            // long to refuse as a wrong password.
            _ = users.PasswordHasher.HashPassword(new StaffUser(), Input.Password!);
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
