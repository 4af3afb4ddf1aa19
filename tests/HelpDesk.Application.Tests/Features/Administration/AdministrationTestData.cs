using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Administration;

/// <summary>What the administration tests share: an administrator acting, cases to log and read back.</summary>
internal static class AdministrationTestData
{
    public static readonly Actor Administrator = new("test-admin-id", "Ada Administrator");

    public static void ActAsAdministrator(this ApplicationFixture fixture) => fixture.CurrentUser.Actor = Administrator;

    /// <summary>The other tests in the collection expect the agent.</summary>
    public static void ActAsAgent(this ApplicationFixture fixture) => fixture.CurrentUser.Actor = new TestCurrentUser().Actor;

    public static async Task<int> TypeIdAsync(this ApplicationFixture fixture, string name)
    {
        await using var db = fixture.CreateDbContext();
        return await db.ComplaintTypes.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }

    public static async Task<int> CalendarIdAsync(this ApplicationFixture fixture, string name)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Calendars.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    public static async Task<int> RuleIdAsync(this ApplicationFixture fixture, string? typeName, Priority? priority)
    {
        var typeId = typeName is null ? (int?)null : await fixture.TypeIdAsync(typeName);
        await using var db = fixture.CreateDbContext();
        return await db.SlaRules.Where(r => !r.IsRetired && r.ComplaintTypeId == typeId && r.Priority == priority).Select(r => r.Id).SingleAsync();
    }

    public static async Task<string> LogAsync(this ApplicationFixture fixture, string typeName = "Billing issues", Priority priority = Priority.Normal, DateTimeOffset? receivedAt = null) =>
        (await fixture.SendAsync(CaseBuilder.Command(receivedAt ?? fixture.Clock.GetUtcNow(), Channel.Phone, await fixture.TypeIdAsync(typeName), CaseBuilder.Aisha) with
        {
            Priority = priority,
        })).Reference;

    public static async Task<Complaint> CaseAsync(this ApplicationFixture fixture, string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Reference == reference);
    }

    public static async Task<int> ChangeCountAsync(this ApplicationFixture fixture)
    {
        await using var db = fixture.CreateDbContext();
        return await db.ConfigurationChanges.CountAsync();
    }

    public static SlaTargetInput Target(int amount, SlaUnit unit) => new(amount, unit);
}
