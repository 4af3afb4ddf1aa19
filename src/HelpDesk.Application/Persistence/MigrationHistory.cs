namespace HelpDesk.Application.Persistence;

/// <summary>
/// Migrates the database, after refusing one made by a migration this build does not hold: the
/// pre-release migrations were squashed into one InitialCreate, and a database they made cannot be
/// carried forward (docs/architecture.md, "Persistence").
/// </summary>
public static class MigrationHistory
{
    public const string OlderSetMessage =
        "The database was made by an older pre-release set of migrations that this version cannot upgrade: "
        + "delete .data/ (or drop the database) and start HelpDesk again to make it afresh.";

    public static async Task MigrateAsync(HelpDeskDbContext db, CancellationToken cancellationToken = default)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (applied.Any(m => !known.Contains(m)))
        {
            throw new StartupProblemException(OlderSetMessage);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
