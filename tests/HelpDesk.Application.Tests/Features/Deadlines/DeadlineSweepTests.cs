using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Deadlines;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Tests.Features.Deadlines;

/// <summary>
/// The deadline sweep on real PostgreSQL with the fixture's fake clock (Wednesday 25 November 2026,
/// 10:00 London, which is UTC in November). Critical cases run on the 24/7 calendar: acknowledgement
/// due in 1 hour, resolution in 6 (16:00). Billing issues run on the office calendar (Monday–Saturday 09:00–21:00).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class DeadlineSweepTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Wednesday = ApplicationFixture.Now;
    private int _billing;
    private string _bea = "";
    private string _sam = "";
    private string _dana = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.CurrentUser.Supervises = false;
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        // The agent the test acts as works in Billing, where its cases are referred (an agent acts on their own department's cases).
        fixture.CurrentUser.DepartmentId = _billing;
        var management = (await seeder.EnsureDepartmentAsync("Management", CancellationToken.None)).Id;
        _bea = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
        _sam = (await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "A long password 2", StaffRoles.Supervisor, _billing)).Id;
        _dana = (await seeder.EnsureStaffAsync("dana@example.test", "Dana Director", "A long password 3", StaffRoles.Administrator, management)).Id;
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    private DeadlineSweep NewSweeper(int batchSize = 200) =>
        ActivatorUtilities.CreateInstance<DeadlineSweep>(fixture.Services, Options.Create(new SweeperOptions { BatchSize = batchSize }), Options.Create(new HelpDeskOptions { PublicBaseUrl = "https://desk.example" }));

    private async Task<SweepResult> SweepAtAsync(DateTimeOffset at, DeadlineSweep? sweeper = null)
    {
        fixture.Clock.SetUtcNow(at);
        return await (sweeper ?? NewSweeper()).RunAsync(CancellationToken.None);
    }

    private async Task<string> LogAsync(Priority priority, string type = "General")
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == type).Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(fixture.Clock.GetUtcNow(), Channel.Phone, typeId, CaseBuilder.Aisha) with
        {
            Priority = priority,
        })).Reference;
    }

    /// <summary>A critical case acknowledged at once and referred to Bea: resolution due 16:00 on the 24/7 calendar.</summary>
    private async Task<string> CriticalWithBeaAsync()
    {
        var reference = await LogAsync(Priority.Critical);
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _bea, null));
        return reference;
    }

    private async Task<Complaint> StoredAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.AsNoTracking().Include(c => c.Timeline).SingleAsync(c => c.Reference == reference);
    }

    private async Task<List<OutboxMessage>> QueuedAsync(string templateKey)
    {
        await using var db = fixture.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.TemplateKey == templateKey).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    [Fact]
    public async Task A_passed_acknowledgement_is_marked_once_across_sweeps_and_is_not_escalated()
    {
        var reference = await LogAsync(Priority.Critical);

        var first = await SweepAtAsync(Wednesday.AddHours(1).AddMinutes(1));
        var second = await SweepAtAsync(Wednesday.AddHours(1).AddMinutes(5));

        Assert.Equal((true, 1, 0), (first.Swept, first.Breached, first.Escalated));
        Assert.Equal((0, 0), (second.Breached, second.Escalated));
        var stored = await StoredAsync(reference);
        Assert.Equal(Wednesday.AddHours(1).AddMinutes(1), stored.AcknowledgementBreachedAt);
        Assert.Null(stored.ResolutionBreachedAt);
        Assert.Equal(1, stored.EscalationTier);
        var entry = Assert.Single(stored.Timeline, e => e.Type == TimelineEventType.DeadlineBreached);
        Assert.Equal(("HelpDesk", "Acknowledgement deadline passed: it was due", Wednesday.AddHours(1)), (entry.ActorName, entry.Summary, entry.NewInstant));
        Assert.Empty(await QueuedAsync(TemplateKeys.EscalationNotice));
    }

    [Fact]
    public async Task A_breached_resolution_goes_to_the_departments_supervisor_at_tier_2_once_with_one_notice()
    {
        var reference = await CriticalWithBeaAsync();

        var first = await SweepAtAsync(Wednesday.AddHours(6).AddMinutes(1));
        var again = await SweepAtAsync(Wednesday.AddHours(7));
        var afterRestart = await SweepAtAsync(Wednesday.AddHours(8), NewSweeper());

        Assert.Equal((1, 1), (first.Breached, first.Escalated));
        Assert.Equal((0, 0, 0, 0), (again.Breached, again.Escalated, afterRestart.Breached, afterRestart.Escalated));
        var stored = await StoredAsync(reference);
        Assert.Equal((2, _sam, _billing), (stored.EscalationTier, stored.AssigneeId, stored.DepartmentId));
        var escalated = Assert.Single(stored.Timeline, e => e.Type == TimelineEventType.Escalated);
        Assert.Equal("HelpDesk", escalated.ActorName);
        Assert.Equal(("Bea Biller (Billing)", "Sam Supervisor (Billing)"), (escalated.OldValue, escalated.NewValue));
        Assert.Contains("automatically from tier 1 to tier 2", escalated.Summary, StringComparison.Ordinal);
        var notice = Assert.Single(await QueuedAsync(TemplateKeys.EscalationNotice));
        Assert.Equal(("sam@example.test", $"Escalated to you (tier 2): {reference}"), (notice.RecipientAddress, notice.Subject));
        Assert.Contains("Its resolution is due at Wed 25 Nov 2026 16:00.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://desk.example/cases/{reference}", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_escalation_notice_reaches_the_new_owner_over_smtp()
    {
        var reference = await CriticalWithBeaAsync();
        await SweepAtAsync(Wednesday.AddHours(6).AddMinutes(1));
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        await using var delivering = ApplicationServices.Build(fixture.ConnectionString, fixture.Clock, fixture.CurrentUser, new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "helpdesk@desk.example",
        });

        var tried = await delivering.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);

        Assert.Equal(1, tried);
        var (message, envelope) = Assert.Single(smtp.Received);
        Assert.Equal(["sam@example.test"], envelope);
        Assert.Equal($"Escalated to you (tier 2): {reference}", message.Subject);
        Assert.Contains("Sam Supervisor,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("escalated to you at tier 2 by HelpDesk, automatically", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_already_with_senior_management_is_marked_but_stays_at_tier_3()
    {
        var reference = await CriticalWithBeaAsync();
        fixture.CurrentUser.Supervises = true;
        await fixture.SendAsync(new EscalateCase.Command(reference, null, _sam, "The customer is a charity."));
        await fixture.SendAsync(new EscalateCase.Command(reference, null, _dana, "Needs a director's decision."));

        var result = await SweepAtAsync(Wednesday.AddHours(6).AddMinutes(1));

        Assert.Equal((1, 0), (result.Breached, result.Escalated));
        var stored = await StoredAsync(reference);
        Assert.Equal((3, _dana), (stored.EscalationTier, stored.AssigneeId));
        Assert.NotNull(stored.ResolutionBreachedAt);
        Assert.Equal(2, stored.Timeline.Count(e => e.Type == TimelineEventType.Escalated));
        // Only the two escalations by hand told their new owners; the breach at tier 3 tells nobody.
        Assert.Equal(["sam@example.test", "dana@example.test"], (await QueuedAsync(TemplateKeys.EscalationNotice)).Select(m => m.RecipientAddress));
    }

    [Fact]
    public async Task At_tier_2_a_breach_goes_to_senior_management()
    {
        var reference = await CriticalWithBeaAsync();
        fixture.CurrentUser.Supervises = true;
        await fixture.SendAsync(new EscalateCase.Command(reference, null, _sam, "The customer is a charity."));

        var result = await SweepAtAsync(Wednesday.AddHours(6).AddMinutes(1));

        Assert.Equal(1, result.Escalated);
        var stored = await StoredAsync(reference);
        Assert.Equal((3, _dana), (stored.EscalationTier, stored.AssigneeId));
        var notices = await QueuedAsync(TemplateKeys.EscalationNotice);
        Assert.Equal(["sam@example.test", "dana@example.test"], notices.Select(m => m.RecipientAddress));
        Assert.Equal($"Escalated to you (tier 3): {reference}", notices[1].Subject);
    }

    [Fact]
    public async Task An_escalation_by_hand_also_tells_the_new_owner_who_asked_and_why()
    {
        var reference = await CriticalWithBeaAsync();

        await fixture.SendAsync(new EscalateCase.Command(reference, null, _sam, "The customer asked for a manager."));

        var notice = Assert.Single(await QueuedAsync(TemplateKeys.EscalationNotice));
        Assert.Equal(("sam@example.test", $"Escalated to you (tier 2): {reference}"), (notice.RecipientAddress, notice.Subject));
        Assert.Contains("escalated to you at tier 2 by Alex Agent.", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Reason: The customer asked for a manager.", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal((await StoredAsync(reference)).Id, notice.CaseId);
    }

    [Fact]
    public async Task A_resolution_paused_for_the_customer_is_not_breached_until_it_runs_past_its_moved_deadline()
    {
        var reference = await CriticalWithBeaAsync();
        fixture.Clock.SetUtcNow(Wednesday.AddMinutes(30));
        await fixture.SendAsync(new WaitOnCustomer.Command(reference, "The account number."));

        var whilePaused = await SweepAtAsync(Wednesday.AddHours(9));
        await fixture.SendAsync(new ResumeCase.Command(reference));
        var beforeMovedDeadline = await SweepAtAsync(Wednesday.AddHours(6 + 8.5).AddMinutes(-1));
        var afterMovedDeadline = await SweepAtAsync(Wednesday.AddHours(6 + 8.5).AddMinutes(1));

        Assert.Equal(0, whilePaused.Breached);
        Assert.Equal(0, beforeMovedDeadline.Breached);
        Assert.Equal((1, 1), (afterMovedDeadline.Breached, afterMovedDeadline.Escalated));
        Assert.Equal(Wednesday.AddHours(6 + 8.5), (await StoredAsync(reference)).ResolveDue);
    }

    [Fact]
    public async Task A_deadline_due_soon_is_warned_once_across_sweeps_and_restarts()
    {
        var reference = await CriticalWithBeaAsync();
        var sweeper = NewSweeper();

        var tooEarly = await SweepAtAsync(Wednesday.AddHours(1), sweeper);
        var inWindow = await SweepAtAsync(Wednesday.AddHours(2).AddMinutes(30), sweeper);
        var again = await SweepAtAsync(Wednesday.AddHours(3), sweeper);
        var afterRestart = await SweepAtAsync(Wednesday.AddHours(3).AddMinutes(30), NewSweeper());

        Assert.Equal((0, 1, 0, 0), (tooEarly.Warned, inWindow.Warned, again.Warned, afterRestart.Warned));
        var warning = Assert.Single(await QueuedAsync(TemplateKeys.DueSoonNotice));
        Assert.Equal(("bea@example.test", $"Due soon: resolution for {reference}"), (warning.RecipientAddress, warning.Subject));
        Assert.Contains("falls due at Wed 25 Nov 2026 16:00", warning.TextBody, StringComparison.Ordinal);
        var stored = await StoredAsync(reference);
        Assert.Equal(stored.ResolveDue, stored.ResolutionWarnedFor);
        Assert.Single(stored.Timeline, e => e.Type == TimelineEventType.MessageQueued && e.Summary.StartsWith("Due-soon warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_office_deadline_is_not_warned_about_at_night_or_on_sunday_but_at_the_next_opening()
    {
        var reference = await LogAsync(Priority.Normal, "Billing issues");
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _bea, null));
        fixture.CurrentUser.Supervises = true;
        // Due half an hour after Monday's opening: at 06:00 it is within four hours on the wall clock, but
        // the office calendar is closed, so no business time runs and nobody is warned yet.
        await fixture.SendAsync(new ExtendResolution.Command(reference, new DateTimeOffset(2026, 11, 30, 9, 30, 0, TimeSpan.Zero), "Waiting on the bank.", CommunicationMethod.Verbal));

        var sunday = await SweepAtAsync(new DateTimeOffset(2026, 11, 29, 14, 0, 0, TimeSpan.Zero));
        var midnight = await SweepAtAsync(new DateTimeOffset(2026, 11, 30, 0, 30, 0, TimeSpan.Zero));
        var beforeOpening = await SweepAtAsync(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));
        var opening = await SweepAtAsync(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal((0, 0, 0, 1), (sunday.Warned, midnight.Warned, beforeOpening.Warned, opening.Warned));
        var warning = Assert.Single(await QueuedAsync(TemplateKeys.DueSoonNotice));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero), warning.CreatedAt);
        Assert.Contains("falls due at Mon 30 Nov 2026 09:30", warning.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_24_7_deadline_is_warned_about_at_night()
    {
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 22, 0, 0, TimeSpan.Zero));
        await CriticalWithBeaAsync();

        var result = await SweepAtAsync(new DateTimeOffset(2026, 11, 29, 0, 30, 0, TimeSpan.Zero));

        Assert.Equal(1, result.Warned);
    }

    [Fact]
    public async Task An_extension_that_moves_the_deadline_earns_a_new_warning()
    {
        var reference = await CriticalWithBeaAsync();
        await SweepAtAsync(Wednesday.AddHours(2).AddMinutes(30));
        fixture.CurrentUser.Supervises = true;
        await fixture.SendAsync(new ExtendResolution.Command(reference, Wednesday.AddHours(8), "Waiting on the bank.", CommunicationMethod.Verbal));

        var beforeWindow = await SweepAtAsync(Wednesday.AddHours(3));
        var inWindow = await SweepAtAsync(Wednesday.AddHours(4).AddMinutes(30));

        Assert.Equal((0, 1), (beforeWindow.Warned, inWindow.Warned));
        var warnings = await QueuedAsync(TemplateKeys.DueSoonNotice);
        Assert.Equal(2, warnings.Count);
        Assert.Contains("falls due at Wed 25 Nov 2026 18:00", warnings[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweepers_running_at_once_escalate_each_case_once_and_queue_each_notice_once()
    {
        var references = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            references.Add(await CriticalWithBeaAsync());
        }

        fixture.Clock.SetUtcNow(Wednesday.AddHours(6).AddMinutes(1));
        var sweepers = Enumerable.Range(0, 4).Select(_ => NewSweeper(batchSize: 5)).ToList();
        var results = await Task.WhenAll(sweepers.Select(s => Task.Run(() => s.RunAsync(CancellationToken.None))));

        Assert.Equal(24, results.Sum(r => r.Escalated));
        await using var db = fixture.CreateDbContext();
        var cases = await db.Complaints.AsNoTracking().Include(c => c.Timeline).ToListAsync();
        Assert.All(cases, c =>
        {
            Assert.Equal(2, c.EscalationTier);
            Assert.Single(c.Timeline, e => e.Type == TimelineEventType.Escalated);
            Assert.Single(c.Timeline, e => e.Type == TimelineEventType.DeadlineBreached);
        });
        var notices = await QueuedAsync(TemplateKeys.EscalationNotice);
        Assert.Equal(24, notices.Count);
        Assert.Equal(references.Order(StringComparer.Ordinal), notices.Select(n => n.Subject[^references[0].Length..]).Order(StringComparer.Ordinal));
    }
}
