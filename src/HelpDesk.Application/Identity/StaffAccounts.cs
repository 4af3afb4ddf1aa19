using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Identity;

/// <summary>
/// Identity's user accounts, with one change: a failed sign-in is counted by a single atomic UPDATE.
/// Identity's own count reads the row, adds one and writes it back under a concurrency check, so 200
/// wrong passwords sent at once mostly fail that check and are not counted, and a guesser is never
/// locked out. Here every failure counts, however many arrive together.
/// </summary>
public sealed class StaffAccounts(
    IUserStore<StaffUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<StaffUser> passwordHasher,
    IEnumerable<IUserValidator<StaffUser>> userValidators,
    IEnumerable<IPasswordValidator<StaffUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<StaffUser>> logger,
    HelpDeskDbContext db,
    TimeProvider time)
    : UserManager<StaffUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AccessFailedAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        await CountFailedSignInAsync(user.Id);

        // The sign-in that follows asks whether the account is now locked: let it read what was stored.
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.Id)
            .Select(u => new { u.LockoutEnd, u.AccessFailedCount, u.ConcurrencyStamp })
            .SingleAsync();
        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached)
        {
            entry.Property(u => u.LockoutEnd).OriginalValue = stored.LockoutEnd;
            entry.Property(u => u.AccessFailedCount).OriginalValue = stored.AccessFailedCount;
            entry.Property(u => u.ConcurrencyStamp).OriginalValue = stored.ConcurrencyStamp;
        }

        user.LockoutEnd = stored.LockoutEnd;
        user.AccessFailedCount = stored.AccessFailedCount;
        user.ConcurrencyStamp = stored.ConcurrencyStamp;
        return IdentityResult.Success;
    }

    /// <summary>
    /// Counts one failed sign-in against the account with <paramref name="userId"/>, if there is one that
    /// can be locked: active, lockout enabled and not locked already. It is one UPDATE whatever the
    /// account, even none (an unknown email), so every failure costs the database the same work.
    /// </summary>
    public async Task CountFailedSignInAsync(string? userId)
    {
        var limit = Options.Lockout.MaxFailedAccessAttempts;
        var now = time.GetUtcNow();
        var lockedUntil = now.Add(Options.Lockout.DefaultLockoutTimeSpan);
        var stamp = Guid.NewGuid().ToString();
        var id = userId ?? "";

        // PostgreSQL locks the row and re-reads it for each UPDATE, so concurrent failures queue up and
        // each one sees the count the previous one left. Reaching the limit locks and starts the count again.
        await db.Users
            .Where(u => u.Id == id && u.IsActive && u.LockoutEnabled && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= limit ? lockedUntil : u.LockoutEnd)
                    .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= limit ? 0 : u.AccessFailedCount + 1)
                    .SetProperty(u => u.ConcurrencyStamp, stamp));
    }
}
