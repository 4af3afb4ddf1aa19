using Microsoft.AspNetCore.Mvc.Filters;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Sends a signed-in member of staff to finish setting up their account before any other staff page:
/// first to choose their own password when an administrator chose the initial one, then (when
/// <see cref="SecurityOptions.RequireTwoFactorForAdministrators"/> is on) an administrator to set up
/// one-time codes. The pages of those steps, signing out and the anonymous pages stay open.
/// docs/security.md.
/// </summary>
public sealed class AccountSetupFilter(IOptions<SecurityOptions> options) : IAsyncPageFilter
{
    public const string ChangePasswordPath = "/account/change-password";
    public const string TwoFactorPath = "/account/two-factor";

    private const string ChangePasswordPage = "/Account/ChangePassword";
    private const string TwoFactorPage = "/Account/TwoFactor";
    private const string SignOutPage = "/Account/SignOut";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var state = context.HttpContext.Features.Get<StaffSessionState>();
        var page = context.ActionDescriptor.ViewEnginePath;
        var open = context.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        if (state is not null && !open && !Is(page, ChangePasswordPage) && !Is(page, SignOutPage))
        {
            if (state.MustChangePassword)
            {
                context.Result = new RedirectResult(ChangePasswordPath);
                return;
            }

            if (!Is(page, TwoFactorPage) && options.Value.RequireTwoFactorForAdministrators && !state.TwoFactorEnabled && context.HttpContext.User.IsInRole(StaffRoles.Administrator))
            {
                context.Result = new RedirectResult(TwoFactorPath);
                return;
            }
        }

        await next();
    }

    private static bool Is(string page, string step) => string.Equals(page, step, StringComparison.OrdinalIgnoreCase);
}
