using HelpDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// One-time codes are switched on only once the member of staff has typed a code their app made from
/// the key, so nobody is locked out by a key that never reached their phone. They get ten recovery
/// codes, each good once, to show them once. Identity changes the security stamp: the page re-issues
/// the caller's session, and every other session of theirs ends.
/// </summary>
public static class EnableTwoFactor
{
    public const int RecoveryCodeCount = 10;

    public sealed record Command(string? Code) : ICommand<Result>;

    public sealed record Result(IReadOnlyList<string> RecoveryCodes);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the 6-digit code your authenticator app shows.");
        }
    }

    internal sealed class Handler(UserManager<StaffUser> users, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindStaffAsync(currentUser.Actor.Id, "");
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                throw StaffRules.Invalid(nameof(Command.Code), "One-time codes are already on for your account.");
            }

            var code = TwoFactorCodes.Normalise(command.Code);
            if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))
                || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                throw StaffRules.Invalid(nameof(Command.Code), "That code does not match the key. Check that your phone's clock is right and type the code it shows now.");
            }

            StaffRules.Check(await users.SetTwoFactorEnabledAsync(user, true), nameof(Command.Code));
            var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount);
            return new Result([.. recoveryCodes ?? []]);
        }
    }
}

/// <summary>How a typed code is read: the spaces people type or copy along are dropped (a recovery code keeps its hyphen).</summary>
public static class TwoFactorCodes
{
    public static string Normalise(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
}
