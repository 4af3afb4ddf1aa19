using HelpDesk.Application.Features.Staff;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Pages.Account;

/// <summary>
/// Setting up one-time codes (TOTP) for one's own account. Each step changes the security stamp, so the
/// caller's session is re-issued after it (as when changing the password). docs/security.md.
/// </summary>
public sealed class TwoFactorModel(ISender sender, SignInManager<StaffUser> signIn, IOptions<SecurityOptions> security) : PageModel, IReloadsOnFailure
{
    private const string RecoveryCodesKey = "RecoveryCodes";

    [BindProperty]
    public string? Code { get; set; }

    public StartTwoFactorSetup.Result Setup { get; private set; } = new(false, null, null, 0, false);

    /// <summary>Shown once, right after codes are switched on (kept in TempData for the redirect only).</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public bool Required => security.Value.RequireTwoFactorForAdministrators && User.IsInRole(StaffRoles.Administrator);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        RecoveryCodes = TempData[RecoveryCodesKey] is string codes ? codes.Split(' ') : [];
    }

    [ValidationFailures(Key = nameof(Code))]
    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var enabled = await sender.Send(new EnableTwoFactor.Command(Code), cancellationToken);
        await RefreshSessionAsync();
        TempData[RecoveryCodesKey] = string.Join(' ', enabled.RecoveryCodes);
        TempData["Confirmation"] = "One-time codes are on. Signing in will ask for a code after your password.";
        return RedirectToPage();
    }

    [ValidationFailures(Key = "")]
    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new DisableTwoFactor.Command(), cancellationToken);
        await RefreshSessionAsync();
        TempData["Confirmation"] = "One-time codes are off. Signing in asks for your password only.";
        return RedirectToPage();
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        // A one-time code is good once: it is never shown back.
        Code = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Setup = await sender.Send(new StartTwoFactorSetup.Command(), cancellationToken);
        if (Setup.KeyCreated)
        {
            await RefreshSessionAsync();
        }
    }

    private async Task RefreshSessionAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is not null)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
