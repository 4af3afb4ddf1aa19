using HelpDesk.Application.Features.Staff;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Pages.Account;

/// <summary>
/// Any signed-in member of staff changes their own password. Every other session of theirs ends (the
/// security stamp changes); this one is re-issued so they stay signed in here.
/// </summary>
public sealed class ChangePasswordModel(ISender sender, SignInManager<StaffUser> signIn) : PageModel, IReloadsOnFailure
{
    [BindProperty]
    public ChangePasswordForm Input { get; set; } = new();

    /// <summary>An administrator chose the password: every staff page sends them here until they choose their own.</summary>
    public bool MustChange => HttpContext.Features.Get<StaffSessionState>()?.MustChangePassword == true;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new ChangeOwnPassword.Command(Input.CurrentPassword, Input.NewPassword, Input.ConfirmNewPassword), cancellationToken);
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is not null)
        {
            await signIn.RefreshSignInAsync(user);
        }

        TempData["Confirmation"] = "Your password is changed. Any other session of yours has been signed out.";
        return RedirectToPage();
    }

    public Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        // Passwords are never sent back to the browser.
        Input = new ChangePasswordForm();
        return Task.FromResult<IActionResult>(Page());
    }

    public sealed class ChangePasswordForm
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
        public string? ConfirmNewPassword { get; set; }
    }
}
