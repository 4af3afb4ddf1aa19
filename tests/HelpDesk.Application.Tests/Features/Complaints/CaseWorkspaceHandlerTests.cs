using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Complaints;

/// <summary>
/// What the case page relies on, through the handlers on real PostgreSQL: the steps it offers are
/// exactly the ones the commands accept, a stale form is refused, and the same form posted twice
/// records its step once.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class CaseWorkspaceHandlerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private int _technical;
    private Actor _biller = null!;
    private string _engineer = "";
    private Actor _supervisor = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _technical = (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id;
        _biller = new((await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id, "Bea Biller");
        _engineer = (await seeder.EnsureStaffAsync("eli@example.test", "Eli Engineer", "A long password 2", StaffRoles.Agent, _technical)).Id;
        _supervisor = new((await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "A long password 3", StaffRoles.Supervisor, _billing)).Id, "Sam Supervisor");
        ActAs(_biller, supervises: false);
    }

    public Task DisposeAsync()
    {
        ActAs(new Actor("test-agent-id", "Alex Agent"), supervises: false);
        return Task.CompletedTask;
    }

    private void ActAs(Actor actor, bool supervises)
    {
        fixture.CurrentUser.Actor = actor;
        fixture.CurrentUser.Supervises = supervises;
    }

    private async Task<string> LogAsync()
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, typeId, new CaseBuilder.Customer("Aisha Khan", Phone: "+44 20 7946 0958")))).Reference;
    }

    private async Task SendAsync(object command)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private Task<GetComplaint.Details?> ViewAsync(string reference) => fixture.SendAsync(new GetComplaint.Query(reference));

    private async Task<int> TimelineCountAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.TimelineEvents.CountAsync(e => db.Complaints.Any(c => c.Id == e.ComplaintId && c.Reference == reference));
    }

    /// <summary>Brings a new case to the named state through the handlers, acting as whoever the step needs.</summary>
    private async Task<string> CaseInAsync(string state)
    {
        var reference = await LogAsync();
        string[] steps = state switch
        {
            "logged" => [],
            "acknowledged" => ["acknowledge"],
            "waiting on customer" => ["acknowledge", "wait"],
            "in progress" => ["acknowledge", "wait", "resume"],
            "escalated" => ["acknowledge", "escalate"],
            "resolved" => ["acknowledge", "resolve"],
            "followed up" => ["acknowledge", "resolve", "follow-up"],
            "closed" => ["acknowledge", "resolve", "close"],
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
        var actor = fixture.CurrentUser.Actor;
        var supervises = fixture.CurrentUser.Supervises;
        ActAs(_supervisor, supervises: true);
        foreach (var step in steps)
        {
            await SendAsync(step switch
            {
                "acknowledge" => new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller.Id, null),
                "wait" => new WaitOnCustomer.Command(reference, "The bank statement."),
                "resume" => new ResumeCase.Command(reference),
                "escalate" => new EscalateCase.Command(reference, null, _supervisor.Id, "Asked for a manager."),
                "resolve" => new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal),
                "follow-up" => new RecordFollowUp.Command(reference, true, 4, null),
                "close" => new CloseCase.Command(reference),
                _ => throw new ArgumentOutOfRangeException(nameof(state)),
            });
        }

        ActAs(actor, supervises);
        return reference;
    }

    private object CommandFor(CaseAction action, string reference) => action switch
    {
        CaseAction.Acknowledge => new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, null, null),
        CaseAction.Refer => new ReferCase.Command(reference, _technical, _engineer, "Needs an engineer."),
        CaseAction.Escalate => new EscalateCase.Command(reference, null, _supervisor.Id, "Asked for a manager."),
        CaseAction.WaitOnCustomer => new WaitOnCustomer.Command(reference, "A photo of the bill."),
        CaseAction.Resume => new ResumeCase.Command(reference),
        CaseAction.Extend => new ExtendResolution.Command(reference, ApplicationFixture.Now.AddDays(20), "The bank is slow.", CommunicationMethod.Verbal),
        CaseAction.Resolve => new ResolveCase.Command(reference, ResolutionOutcome.CannotAccommodate, "Outside policy.", "We cannot refund a fee.", CommunicationMethod.Verbal),
        CaseAction.FollowUp => new RecordFollowUp.Command(reference, false, null, null),
        CaseAction.Close => new CloseCase.Command(reference),
        CaseAction.Reopen => new ReopenCase.Command(reference, "The refund bounced."),
        CaseAction.AddInternalNote => new AddCaseNote.Command(reference, "Checked the ledger.", VisibleToCustomer: false),
        CaseAction.AddCustomerUpdate => new AddCaseNote.Command(reference, "We are on it.", VisibleToCustomer: true),
        // Offered with or without the customer's email: a reply given by phone is open to every case that may be replied to.
        CaseAction.Reply => new ReplyToCustomer.Command(reference, "Could you send the bill?") { Channel = ReplyChannel.Phone },
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static TheoryData<string, bool> StatesAndRoles()
    {
        var data = new TheoryData<string, bool>();
        foreach (var state in new[] { "logged", "acknowledged", "waiting on customer", "in progress", "escalated", "resolved", "followed up", "closed" })
        {
            data.Add(state, false);
            data.Add(state, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatesAndRoles))]
    public async Task Every_command_succeeds_exactly_when_the_page_offers_its_step(string state, bool asSupervisor)
    {
        ActAs(asSupervisor ? _supervisor : _biller, asSupervisor);
        var offered = (await ViewAsync(await CaseInAsync(state)))!.AllowedActions;

        foreach (var action in Enum.GetValues<CaseAction>())
        {
            // A fresh case in the same state for each step, so that one step cannot prepare the next.
            var reference = await CaseInAsync(state);
            var before = await TimelineCountAsync(reference);

            var thrown = await Record.ExceptionAsync(() => SendAsync(CommandFor(action, reference)));

            if (offered.Contains(action))
            {
                Assert.True(thrown is null, $"{action} was offered for a {state} case but refused: {thrown?.Message}");
                Assert.True(await TimelineCountAsync(reference) > before, $"{action} stored nothing");
            }
            else
            {
                Assert.True(thrown is ValidationException or CaseActionNotPermittedException, $"{action} was not offered for a {state} case but {(thrown is null ? "succeeded" : thrown.GetType().Name)}");
                Assert.Equal(before, await TimelineCountAsync(reference));
            }
        }
    }

    [Fact]
    public async Task The_page_offers_an_agent_no_supervisors_steps_and_the_commands_refuse_them_when_posted_anyway()
    {
        var reference = await CaseInAsync("acknowledged");
        ActAs(new Actor(_engineer, "Eli Engineer"), supervises: false);

        var offered = (await ViewAsync(reference))!.AllowedActions;
        var extend = await Record.ExceptionAsync(() => SendAsync(CommandFor(CaseAction.Extend, reference)));
        var reassign = await Record.ExceptionAsync(() => SendAsync(new ReferCase.Command(reference, _technical, _engineer, "Mine now.")));

        Assert.DoesNotContain(CaseAction.Extend, offered);
        Assert.DoesNotContain(CaseAction.Refer, offered);
        Assert.IsType<CaseActionNotPermittedException>(extend);
        Assert.IsType<CaseActionNotPermittedException>(reassign);
        var stored = await ViewAsync(reference);
        Assert.Equal(_biller.Id, stored!.Owner.AssigneeId);
        Assert.DoesNotContain(stored.Timeline, e => e.Type is TimelineEventType.Extended or TimelineEventType.Referred);
    }

    [Fact]
    public async Task A_case_is_escalated_only_to_a_supervisor()
    {
        var reference = await CaseInAsync("acknowledged");

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new EscalateCase.Command(reference, null, _engineer, "Someone else.")));
        await SendAsync(new EscalateCase.Command(reference, null, _supervisor.Id, "Asked for a manager."));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(EscalateCase.Command.AssigneeId));
        var stored = (await ViewAsync(reference))!;
        Assert.Equal(2, stored.Owner.EscalationTier);
        Assert.Equal("Billing", stored.Owner.DepartmentName);
        Assert.Equal("Sam Supervisor", stored.Owner.AssigneeName);
    }

    [Fact]
    public async Task Every_step_changes_the_version_even_one_that_only_adds_to_the_timeline()
    {
        var reference = await CaseInAsync("acknowledged");
        var before = (await ViewAsync(reference))!.Version;

        await fixture.SendAsync(new AddCaseNote.Command(reference, "Checked the ledger.", false) { Version = before, ActionId = Guid.NewGuid() });

        Assert.NotEqual(before, (await ViewAsync(reference))!.Version);
    }

    [Fact]
    public async Task A_step_sent_from_a_form_drawn_before_someone_elses_change_is_refused_and_stores_nothing()
    {
        var reference = await CaseInAsync("acknowledged");
        var seen = (await ViewAsync(reference))!.Version;
        await fixture.SendAsync(new AddCaseNote.Command(reference, "Called the bank.", false) { Version = seen, ActionId = Guid.NewGuid() });
        var count = await TimelineCountAsync(reference);

        await Assert.ThrowsAsync<CaseChangedException>(async () =>
            await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal) { Version = seen, ActionId = Guid.NewGuid() }));

        Assert.Equal(count, await TimelineCountAsync(reference));
        Assert.Equal(CaseStatus.Acknowledged, (await ViewAsync(reference))!.Status);
    }

    [Fact]
    public async Task Two_people_saving_at_the_same_moment_from_the_same_version_one_wins_and_the_other_is_told()
    {
        var reference = await CaseInAsync("acknowledged");
        var seen = (await ViewAsync(reference))!.Version;
        var count = await TimelineCountAsync(reference);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Record.ExceptionAsync(() =>
            SendAsync(new AddCaseNote.Command(reference, $"Note {i}", false) { Version = seen, ActionId = Guid.NewGuid() }))));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<CaseChangedException>(o));
        Assert.Equal(count + 1, await TimelineCountAsync(reference));
    }

    [Fact]
    public async Task The_same_form_posted_twice_records_its_step_once()
    {
        var reference = await CaseInAsync("acknowledged");
        var seen = (await ViewAsync(reference))!.Version;
        var command = new AddCaseNote.Command(reference, "Checked the ledger.", false) { Version = seen, ActionId = Guid.NewGuid() };
        var count = await TimelineCountAsync(reference);

        await fixture.SendAsync(command);
        await Assert.ThrowsAsync<ActionAlreadyRecordedException>(async () => await fixture.SendAsync(command));

        Assert.Equal(count + 1, await TimelineCountAsync(reference));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_same_form_posted_several_times_at_once_records_its_step_once(bool withVersion)
    {
        var reference = await CaseInAsync("acknowledged");
        var seen = (await ViewAsync(reference))!.Version;
        var command = new AddCaseNote.Command(reference, "Checked the ledger.", false) { Version = withVersion ? seen : null, ActionId = Guid.NewGuid() };
        var count = await TimelineCountAsync(reference);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Record.ExceptionAsync(() => SendAsync(command))));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.IsType<ActionAlreadyRecordedException>(o));
        Assert.Equal(count + 1, await TimelineCountAsync(reference));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.CaseActionReceipts.CountAsync(r => r.ActionId == command.ActionId));
    }
}
