using HelpDesk.Domain.Publishing;

namespace HelpDesk.Application.Persistence.Seeding;

public sealed partial class DatabaseSeeder
{
    public const string DefaultPolicyTitle = "Customer Service Policy";

    /// <summary>
    /// A fresh install publishes the policy HelpDesk is built from (004, with follow-up and escalation
    /// from 001) as version 1, public and in force from today, so /policy is never empty. Only into an
    /// empty table: administrators' versions are never touched.
    /// </summary>
    private async Task SeedPolicyAsync(CancellationToken cancellationToken)
    {
        if (await db.PolicyVersions.AnyAsync(cancellationToken))
        {
            return;
        }

        var today = DateOnly.FromDateTime(clock.LocalNow);
        db.PolicyVersions.Add(PolicyVersion.Publish(
            number: 1,
            title: DefaultPolicyTitle,
            body: await DefaultPolicyTextAsync(),
            approvedOn: today,
            effectiveFrom: today,
            owner: DefaultDepartment,
            changelog: "First version, published when HelpDesk was installed.",
            visibility: PolicyVisibility.Public,
            publishedAt: clock.UtcNow,
            publishedBy: "HelpDesk"));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task<string> DefaultPolicyTextAsync()
    {
        await using var stream = typeof(DatabaseSeeder).Assembly.GetManifestResourceStream("HelpDesk.Application.Persistence.Seeding.DefaultPolicy.md")
            ?? throw new InvalidOperationException("The default policy text is missing from the build.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
