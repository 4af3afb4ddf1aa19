using HelpDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// A member of staff switches one-time codes off. Not an administrator while
/// HelpDesk:Security:RequireTwoFactorForAdministrators is on. The key is replaced, so switching them on
/// again needs the app set up afresh and gives new recovery codes.
/// </summary>
public static class DisableTwoFactor
{
    public sealed record Command : ICommand;

    internal sealed class Handler(UserManager<StaffUser> users, ICurrentUser currentUser, IOptions<SecurityOptions> security) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindStaffAsync(currentUser.Actor.Id, "");
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                throw StaffRules.Invalid("", "One-time codes are not on for your account.");
            }

            if (security.Value.RequireTwoFactorForAdministrators && await users.IsInRoleAsync(user, StaffRoles.Administrator))
            {
                throw StaffRules.Invalid("", "Administrators must use one-time codes here: they cannot be switched off.");
            }

            StaffRules.Check(await users.SetTwoFactorEnabledAsync(user, false), "");
            StaffRules.Check(await users.ResetAuthenticatorKeyAsync(user), "");
            return Unit.Value;
        }
    }
}
