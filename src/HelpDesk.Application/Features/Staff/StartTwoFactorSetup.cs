using HelpDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// The signed-in member of staff opens the one-time-code page: whether codes are on, and, when they
/// are not, the secret key to put in an authenticator app (made on first visit; Identity's
/// authenticator token provider, RFC 6238: 6 digits, 30 seconds, SHA-1) with its otpauth:// URI.
/// Making a key changes the security stamp; the page re-issues the caller's session when it did.
/// </summary>
public static class StartTwoFactorSetup
{
    public const string Issuer = "HelpDesk";

    public sealed record Command : ICommand<Result>;

    /// <param name="SharedKey">The key in groups of four, as a person types it; null when codes are on.</param>
    public sealed record Result(bool Enabled, string? SharedKey, string? AuthenticatorUri, int RecoveryCodesLeft, bool KeyCreated);

    internal sealed class Handler(UserManager<StaffUser> users, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindStaffAsync(currentUser.Actor.Id, "");
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                return new Result(true, null, null, await users.CountRecoveryCodesAsync(user), KeyCreated: false);
            }

            var key = await users.GetAuthenticatorKeyAsync(user);
            var created = string.IsNullOrEmpty(key);
            if (created)
            {
                StaffRules.Check(await users.ResetAuthenticatorKeyAsync(user), "");
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            var account = Uri.EscapeDataString($"{Issuer}:{user.Email}");
            var uri = $"otpauth://totp/{account}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits=6&period=30";
            return new Result(false, Grouped(key!), uri, 0, created);
        }

        private static string Grouped(string key) =>
            string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
    }
}
