using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Workspace;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Complaints;

/// <summary>
/// Who may act on a case (docs/architecture.md, "Who may act on a case"): agents act on their own
/// department's cases, the cases assigned to them and cases not yet referred; they read and search all;
/// supervisors and administrators act on every case. Each step goes through its real handler.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class CaseCareTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private int _technical;
    private string _biller = "";
    private string _engineer = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.CurrentUser.Supervises = false;
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _technical = (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id;
        _biller = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
        _engineer = (await seeder.EnsureStaffAsync("eli@example.test", "Eli Engineer", "A long password 2", StaffRoles.Agent, _technical)).Id;
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        fixture.CurrentUser.DepartmentId = null;
        fixture.CurrentUser.Actor = new HelpDesk.Testing.TestCurrentUser().Actor;
        return Task.CompletedTask;
    }

    private void ActAs(string id, string name, int department, bool supervises = false)
    {
        fixture.CurrentUser.Actor = new Actor(id, name);
        fixture.CurrentUser.DepartmentId = department;
        fixture.CurrentUser.Supervises = supervises;
    }

    private async Task<string> LogAsync()
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, typeId, CaseBuilder.Aisha))).Reference;
    }

    /// <summary>A case acknowledged and referred to Billing, with nobody in particular assigned.</summary>
    private async Task<string> BillingCaseAsync()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, null, null));
        return reference;
    }

    private async Task<(CaseStatus Status, int Events, int? Department)> StoredAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        var found = await db.Complaints.Where(c => c.Reference == reference).Select(c => new { c.Status, Events = c.Timeline.Count, c.DepartmentId }).SingleAsync();
        return (found.Status, found.Events, found.DepartmentId);
    }

    /// <summary>Every step a case page can post, as its form would send it (or, for the empty ones, with nothing filled in).</summary>
    public static TheoryData<string> Steps() => new(StepCommands.Keys);

    private static readonly Dictionary<string, Func<string, CaseCareTests, object>> StepCommands = new()
    {
        ["classify"] = (r, _) => new ChangeCaseClassification.Command(r, null, Priority.High),
        ["acknowledge"] = (r, t) => new AcknowledgeCase.Command(r, null, AcknowledgementMethod.Verbal, t._billing, null, null),
        ["refer"] = (r, t) => new ReferCase.Command(r, t._technical, null, "Not ours."),
        ["escalate"] = (r, _) => new EscalateCase.Command(r, null, null, "Asked for a manager."),
        ["wait"] = (r, _) => new WaitOnCustomer.Command(r, "The bank statement."),
        ["resume"] = (r, _) => new ResumeCase.Command(r),
        ["extend"] = (r, _) => new ExtendResolution.Command(r, ApplicationFixture.Now.AddDays(30), "The bank is slow.", CommunicationMethod.Verbal),
        ["resolve"] = (r, _) => new ResolveCase.Command(r, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal),
        ["follow-up"] = (r, _) => new RecordFollowUp.Command(r, true, 5, null),
        ["close"] = (r, _) => new CloseCase.Command(r),
        ["reopen"] = (r, _) => new ReopenCase.Command(r, "The refund bounced."),
        ["note"] = (r, _) => new AddCaseNote.Command(r, "Checked the ledger.", VisibleToCustomer: false),
        ["update"] = (r, _) => new AddCaseNote.Command(r, "We are on it.", VisibleToCustomer: true),
        ["empty resolve"] = (r, _) => new ResolveCase.Command(r, null, null, null, null),
    };

    private async Task SendStepAsync(string step, string reference)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(StepCommands[step](reference, this));
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task An_agent_of_another_department_is_refused_every_step_on_a_referred_case_and_nothing_is_stored(string step)
    {
        var reference = await BillingCaseAsync();
        var before = await StoredAsync(reference);
        ActAs(_engineer, "Eli Engineer", _technical);

        var refused = await Assert.ThrowsAsync<CaseActionNotPermittedException>(() => SendStepAsync(step, reference));

        Assert.Equal(reference, refused.Reference);
        Assert.Equal(before, await StoredAsync(reference));
    }

    [Fact]
    public async Task An_agent_of_another_department_still_reads_and_finds_the_case_but_is_offered_no_step()
    {
        var reference = await BillingCaseAsync();
        ActAs(_engineer, "Eli Engineer", _technical);

        var details = await fixture.SendAsync(new GetComplaint.Query(reference));
        var found = await fixture.SendAsync(new SearchCases.Query("Charged twice"));

        Assert.NotNull(details);
        Assert.False(details.InYourCare);
        Assert.Empty(details.AllowedActions);
        Assert.Contains(found.Hits, h => h.Reference == reference);
    }

    [Fact]
    public async Task An_agent_of_the_department_acts_on_its_case_whoever_else_holds_it()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller, null));
        ActAs("billing-colleague", "Cal Colleague", _billing);

        await fixture.SendAsync(new AddCaseNote.Command(reference, "Covering for Bea today.", VisibleToCustomer: false));
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal));

        Assert.Equal(CaseStatus.Resolved, (await StoredAsync(reference)).Status);
    }

    [Fact]
    public async Task The_agent_a_case_is_assigned_to_acts_on_it_from_any_department()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller, null));
        // Bea moves to Technical but keeps the case she was given.
        ActAs(_biller, "Bea Biller", _technical);

        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal));

        Assert.Equal(CaseStatus.Resolved, (await StoredAsync(reference)).Status);
    }

    [Fact]
    public async Task A_case_not_yet_referred_can_be_acknowledged_by_any_agent()
    {
        var reference = await LogAsync();
        ActAs(_engineer, "Eli Engineer", _technical);

        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, null, null));

        var stored = await StoredAsync(reference);
        Assert.Equal((CaseStatus.Acknowledged, _billing), (stored.Status, stored.Department));
        // Once referred to Billing, it is out of the engineer's care.
        await Assert.ThrowsAsync<CaseActionNotPermittedException>(() => fixture.SendAsync(new AddCaseNote.Command(reference, "One more thing.", VisibleToCustomer: false)));
    }

    [Fact]
    public async Task A_supervisor_of_another_department_acts_on_any_case()
    {
        var reference = await BillingCaseAsync();
        ActAs("tech-lead", "Tess Lead", _technical, supervises: true);

        await fixture.SendAsync(new ExtendResolution.Command(reference, ApplicationFixture.Now.AddDays(30), "The bank is slow.", CommunicationMethod.Verbal));
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal));

        Assert.Equal(CaseStatus.Resolved, (await StoredAsync(reference)).Status);
    }
}
