using HelpDesk.Application.Features.Staff;

namespace HelpDesk.Web.Pages.Account;

/// <summary>Asks for a password-reset link. The answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(SignInLimits.Policy)]
public sealed class ForgotPasswordModel(ISender sender) : PageModel
{
    public const string Sent = "If that address belongs to an active HelpDesk account, an email with a link to choose a new password is on its way. The link works once, for a short while.";

    [BindProperty]
    public ForgotPasswordForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new RequestPasswordReset.Command(Input.Email), cancellationToken);
        TempData["Confirmation"] = Sent;
        return RedirectToPage();
    }

    public sealed class ForgotPasswordForm
    {
        public string? Email { get; set; }
    }
}
