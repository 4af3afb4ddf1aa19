using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Complaints;

/// <summary>Every lifecycle step through its handler on real PostgreSQL: what it stores, and what it refuses (storing nothing).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class LifecycleHandlerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private int _technical;
    private string _biller = "";
    private string _engineer = "";
    private string _supervisor = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.CurrentUser.Supervises = false;
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        // The agent the test acts as works in Billing, where its cases are referred (an agent acts on their own department's cases).
        fixture.CurrentUser.DepartmentId = _billing;
        _technical = (await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None)).Id;
        _biller = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
        _engineer = (await seeder.EnsureStaffAsync("eli@example.test", "Eli Engineer", "A long password 2", StaffRoles.Agent, _technical)).Id;
        _supervisor = (await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "A long password 3", StaffRoles.Supervisor, _billing)).Id;
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    private async Task<string> LogAsync(Channel channel = Channel.Phone)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, channel, typeId, CaseBuilder.Aisha))).Reference;
    }

    private async Task<Complaint> StoredAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Reference == reference);
    }

    private async Task AcknowledgeAsync(string reference) =>
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller, null));

    private async Task ResolveAsync(string reference) =>
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Email));

    private async Task<int> TimelineCountAsync(string reference) => (await StoredAsync(reference)).Timeline.Count;

    [Fact]
    public async Task Acknowledging_refers_the_case_and_defaults_the_expected_date_to_the_resolution_deadline()
    {
        var reference = await LogAsync();

        var result = await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller, null));

        Assert.True(result.MethodFitsChannel);
        var stored = await StoredAsync(reference);
        Assert.Equal(CaseStatus.Acknowledged, stored.Status);
        Assert.Equal(_billing, stored.DepartmentId);
        Assert.Equal(_biller, stored.AssigneeId);
        Assert.Equal(stored.ResolveDue, stored.ExpectedResponseBy);
        Assert.Equal(ApplicationFixture.Now, stored.AcknowledgedAt);
        Assert.Contains(stored.Timeline, e => e.Type == TimelineEventType.Acknowledged && e.Summary.Contains("Bea Biller (Billing)", StringComparison.Ordinal) && e.ActorName == "Alex Agent");
    }

    [Fact]
    public async Task An_acknowledgement_that_does_not_fit_the_channel_is_allowed_with_a_warning()
    {
        var reference = await LogAsync(Channel.Email);

        var result = await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, null, null));

        Assert.False(result.MethodFitsChannel);
        Assert.Equal(AcknowledgementMethod.Email, result.ExpectedMethod);
    }

    [Fact]
    public async Task A_referral_to_someone_outside_the_department_or_to_an_unknown_department_is_refused()
    {
        var reference = await LogAsync();

        var wrongPerson = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _engineer, null)));
        var noDepartment = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new ReferCase.Command(reference, 999_999, null, null)));

        Assert.Contains(wrongPerson.Errors, e => e.PropertyName == nameof(AcknowledgeCase.Command.AssigneeId));
        Assert.Contains(noDepartment.Errors, e => e.PropertyName == nameof(ReferCase.Command.DepartmentId));
        Assert.Equal(CaseStatus.Logged, (await StoredAsync(reference)).Status);
    }

    [Fact]
    public async Task A_deactivated_colleague_cannot_be_given_a_case()
    {
        var reference = await LogAsync();
        await using (var db = fixture.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == _biller).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        }

        await Assert.ThrowsAsync<ValidationException>(() => AcknowledgeAsync(reference));
    }

    [Fact]
    public async Task Referring_moves_the_case_and_notes_from_whom_to_whom()
    {
        var reference = await LogAsync();
        await AcknowledgeAsync(reference);
        // Bea Biller holds the case now: passing on someone else's case is a supervisor's reassignment.
        fixture.CurrentUser.Supervises = true;

        await fixture.SendAsync(new ReferCase.Command(reference, _technical, _engineer, "Needs an engineer."));

        var stored = await StoredAsync(reference);
        Assert.Equal(_technical, stored.DepartmentId);
        var referred = stored.Timeline.Single(e => e.Type == TimelineEventType.Referred);
        Assert.Equal("Bea Biller (Billing)", referred.OldValue);
        Assert.Equal("Eli Engineer (Technical)", referred.NewValue);
    }

    [Fact]
    public async Task Escalating_needs_a_new_owner_and_a_reason_and_climbs_a_tier()
    {
        var reference = await LogAsync();
        await AcknowledgeAsync(reference);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new EscalateCase.Command(reference, _billing, null, "")));
        await fixture.SendAsync(new EscalateCase.Command(reference, _billing, _supervisor, "Asked for a manager."));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(EscalateCase.Command.AssigneeId));
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(EscalateCase.Command.Reason));
        var stored = await StoredAsync(reference);
        Assert.Equal(2, stored.EscalationTier);
        Assert.Equal(_supervisor, stored.AssigneeId);
    }

    [Fact]
    public async Task Waiting_and_resuming_move_the_resolution_deadline_by_the_working_days_that_passed()
    {
        var reference = await LogAsync();
        await AcknowledgeAsync(reference);
        var before = (await StoredAsync(reference)).ResolveDue;

        await fixture.SendAsync(new WaitOnCustomer.Command(reference, "The bank statement."));
        Assert.True((await StoredAsync(reference)).ResolutionPaused);
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        await fixture.SendAsync(new ResumeCase.Command(reference));

        var stored = await StoredAsync(reference);
        Assert.Equal(CaseStatus.InProgress, stored.Status);
        // Paused Wednesday 10:00 to Friday 10:00: Wednesday's and Thursday's closes of business passed.
        Assert.Equal(before.AddDays(3), stored.ResolveDue); // Saturday 21:00 + 2 working days (Sunday closed) = Tuesday 21:00
        Assert.Contains(stored.Timeline, e => e.Type == TimelineEventType.Resumed);
    }

    [Fact]
    public async Task Extending_before_the_deadline_moves_it()
    {
        var reference = await LogAsync();
        await AcknowledgeAsync(reference);
        var newDate = ApplicationFixture.Now.AddDays(10);
        fixture.CurrentUser.Supervises = true;

        var result = await fixture.SendAsync(new ExtendResolution.Command(reference, newDate, "Waiting for the bank.", CommunicationMethod.Email));

        Assert.True(result.MovedTheDeadline);
        var stored = await StoredAsync(reference);
        Assert.Equal(newDate, stored.ResolveDue);
        Assert.Equal(newDate, stored.ExpectedResponseBy);
    }

    [Fact]
    public async Task The_whole_life_of_a_case_resolve_follow_up_close_reopen()
    {
        var reference = await LogAsync();
        await AcknowledgeAsync(reference);
        await fixture.SendAsync(new AddCaseNote.Command(reference, "Checked the ledger.", VisibleToCustomer: false));
        await fixture.SendAsync(new AddCaseNote.Command(reference, "We are looking into it.", VisibleToCustomer: true));
        await ResolveAsync(reference);
        await fixture.SendAsync(new RecordFollowUp.Command(reference, true, 5, "Very happy."));
        await fixture.SendAsync(new CloseCase.Command(reference));
        await fixture.SendAsync(new ReopenCase.Command(reference, "The refund bounced."));

        var stored = await StoredAsync(reference);
        Assert.Equal(CaseStatus.InProgress, stored.Status);
        Assert.Equal(1, stored.ReopenCount);
        Assert.Equal(
            // The update is emailed to the customer (docs/messages.md), so its email is noted after it.
            [TimelineEventType.Logged, TimelineEventType.Acknowledged, TimelineEventType.InternalNote, TimelineEventType.CustomerUpdate, TimelineEventType.MessageQueued, TimelineEventType.Resolved, TimelineEventType.MessageQueued, TimelineEventType.MessageQueued, TimelineEventType.FollowedUp, TimelineEventType.Closed, TimelineEventType.Reopened],
            stored.Timeline.OrderBy(e => e.Id).Select(e => e.Type));
        Assert.False(stored.Timeline.Single(e => e.Type == TimelineEventType.InternalNote).VisibleToCustomer);
        Assert.True(stored.Timeline.Single(e => e.Type == TimelineEventType.CustomerUpdate).VisibleToCustomer);
    }

    public static TheoryData<string, string> IllegalSteps() => new()
    {
        { "logged", "resume" },
        { "logged", "follow-up" },
        { "logged", "close" },
        { "logged", "reopen" },
        { "acknowledged", "acknowledge" },
        { "acknowledged", "reopen" },
        { "waiting", "wait" },
        { "waiting", "resolve" },
        { "resolved", "acknowledge" },
        { "resolved", "wait" },
        { "resolved", "resolve" },
        { "resolved", "refer" },
        { "resolved", "escalate" },
        { "resolved", "extend" },
        { "closed", "close" },
        { "closed", "follow-up" },
        { "closed", "resume" },
    };

    [Theory]
    [MemberData(nameof(IllegalSteps))]
    public async Task A_step_from_a_state_where_it_makes_no_sense_is_refused_with_a_message_and_stores_nothing(string state, string step)
    {
        var reference = await LogAsync();
        if (state != "logged")
        {
            await AcknowledgeAsync(reference);
        }

        if (state == "waiting")
        {
            await fixture.SendAsync(new WaitOnCustomer.Command(reference, "Statement"));
        }

        if (state is "resolved" or "closed")
        {
            await ResolveAsync(reference);
        }

        if (state == "closed")
        {
            await fixture.SendAsync(new CloseCase.Command(reference));
        }

        var before = await TimelineCountAsync(reference);
        var statusBefore = (await StoredAsync(reference)).Status;

        object command = step switch
        {
            "acknowledge" => new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, null, null),
            "resume" => new ResumeCase.Command(reference),
            "wait" => new WaitOnCustomer.Command(reference, "More papers."),
            "resolve" => new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "a", "b", CommunicationMethod.Verbal),
            "follow-up" => new RecordFollowUp.Command(reference, true, 3, null),
            "close" => new CloseCase.Command(reference),
            "reopen" => new ReopenCase.Command(reference, "Because."),
            "refer" => new ReferCase.Command(reference, _technical, null, null),
            "escalate" => new EscalateCase.Command(reference, _billing, _supervisor, "Why not."),
            "extend" => new ExtendResolution.Command(reference, ApplicationFixture.Now.AddDays(20), "Late.", CommunicationMethod.Email),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAnyAsync(command));

        Assert.False(string.IsNullOrWhiteSpace(refused.Errors.Single().ErrorMessage));
        Assert.Equal(before, await TimelineCountAsync(reference));
        Assert.Equal(statusBefore, (await StoredAsync(reference)).Status);
    }

    [Fact]
    public async Task A_case_that_does_not_exist_is_not_found()
    {
        await Assert.ThrowsAsync<CaseNotFoundException>(async () => await fixture.SendAsync(new CloseCase.Command(ReferenceNumber.Create("HD", 2026, 4242).ToString())));
    }

    private async Task SendAnyAsync(object command)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }
}
