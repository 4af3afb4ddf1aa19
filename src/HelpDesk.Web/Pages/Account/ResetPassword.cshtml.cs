using HelpDesk.Application.Features.Staff;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Pages.Account;

/// <summary>The page the emailed reset link opens: choose a new password, then sign in with it.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInLimits.Policy)]
public sealed class ResetPasswordModel(ISender sender) : PageModel, IReloadsOnFailure
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public ResetPasswordForm Input { get; set; } = new();

    public bool Usable { get; private set; } = true;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Usable = await sender.Send(new ResetStaffPassword.LinkCheck(UserId, Token), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new ResetStaffPassword.Command(UserId, Token, Input.NewPassword, Input.ConfirmNewPassword), cancellationToken);
        TempData["Confirmation"] = "Your new password is set, and any session of yours elsewhere is signed out. Sign in with it now.";
        return Redirect("/account/sign-in");
    }

    /// <summary>A refused link says the link is not usable, instead of the form; passwords are never sent back to the browser.</summary>
    public Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        Usable = !Refused(nameof(ResetStaffPassword.Command.Token)) && !Refused(nameof(ResetStaffPassword.Command.UserId));
        Input = new ResetPasswordForm();
        return Task.FromResult<IActionResult>(Page());
    }

    private bool Refused(string field) =>
        ModelState.GetFieldValidationState($"{nameof(Input)}.{field}") == ModelValidationState.Invalid;

    public sealed class ResetPasswordForm
    {
        public string? NewPassword { get; set; }
        public string? ConfirmNewPassword { get; set; }
    }
}
