namespace HelpDesk.Application.Persistence.Sql;

/// <summary>
/// What the database holds beyond EF Core's model, kept as the <c>.sql</c> files beside this class
/// (embedded in the assembly) and applied by migrations: the KPI totals' tables, the KPI functions
/// (the one definition of every figure), their triggers, and the indexes EF Core cannot model.
/// docs/architecture.md, "Persistence"; docs/kpis.md, "How the figures are kept".
/// </summary>
/// <remarks>
/// The function and trigger files are all CREATE OR REPLACE and always hold the definitions as they
/// are now: a migration that changes one applies its file again, so the file is the one place to
/// read (and edit) a figure's rule.
/// </remarks>
public static class SqlFiles
{
    public static string KpiTotalsTables => Read("KpiTotalsTables.sql");

    public static string KpiFunctions => Read("KpiFunctions.sql");

    public static string KpiTriggers => Read("KpiTriggers.sql");

    public static string SearchIndexes => Read("SearchIndexes.sql");

    private static string Read(string name)
    {
        using var stream = typeof(SqlFiles).Assembly.GetManifestResourceStream($"{typeof(SqlFiles).Namespace}.{name}")
            ?? throw new InvalidOperationException($"{name} is not embedded in {typeof(SqlFiles).Assembly.GetName().Name}: see its .csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
