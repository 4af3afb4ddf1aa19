using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Pages.Account;

/// <summary>Signing out is a POST (with its anti-forgery token), so a link on another site cannot sign anyone out.</summary>
public sealed class SignOutModel(SignInManager<StaffUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }
}
