using FluentValidation;
using HelpDesk.Application.Features.Staff;
using HelpDesk.Web.Hosting;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages.Account;

/// <summary>The page the emailed reset link opens: choose a new password, then sign in with it.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInLimits.Policy)]
public sealed class ResetPasswordModel(ISender sender) : PageModel
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
        try
        {
            await sender.Send(new ResetStaffPassword.Command(UserId, Token, Input.NewPassword, Input.ConfirmNewPassword), cancellationToken);
            TempData["Confirmation"] = "Your new password is set, and any session of yours elsewhere is signed out. Sign in with it now.";
            return Redirect("/account/sign-in");
        }
        catch (ValidationException failures)
        {
            Usable = !failures.Errors.Any(e => e.PropertyName is nameof(ResetStaffPassword.Command.Token) or nameof(ResetStaffPassword.Command.UserId));
            ModelState.AddValidationFailures(failures, nameof(Input));
        }

        // Passwords are never sent back to the browser.
        Input = new ResetPasswordForm();
        return Page();
    }

    public sealed class ResetPasswordForm
    {
        public string? NewPassword { get; set; }
        public string? ConfirmNewPassword { get; set; }
    }
}
