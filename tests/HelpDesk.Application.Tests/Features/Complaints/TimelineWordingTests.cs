using System.Text.RegularExpressions;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Deadlines;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Tests.Features.Complaints;

/// <summary>
/// The timeline's own words, as stored by each step and by the sweep: no instant written into the text
/// (the page shows each in the desk's local time), nothing said to move that did not, and free text
/// that ends in a full stop followed by a new sentence (docs/architecture.md, "The timeline").
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class TimelineWordingTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private string _bea = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        // The test user works every step on every case, whatever the rules on who may act say.
        fixture.CurrentUser.Supervises = true;
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _bea = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
        await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", "A long password 2", StaffRoles.Supervisor, _billing);
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoInstant();

    private async Task<string> LogAsync(Priority priority = Priority.Normal)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(fixture.Clock.GetUtcNow(), Channel.Phone, typeId, CaseBuilder.Aisha) with
        {
            Priority = priority,
        })).Reference;
    }

    private async Task<List<GetComplaint.TimelineEntry>> TimelineAsync(string reference) =>
        [.. (await fixture.SendAsync(new GetComplaint.Query(reference)))!.Timeline];

    [Fact]
    public async Task Timeline_Resume_WhenTheDeadlineDidNotMove_DoesNotSayMovedFromXToX()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _bea, null));
        await fixture.SendAsync(new WaitOnCustomer.Command(reference, "The bank statement."));

        // Answered in the same minute: no time the resolution clock counts passed.
        await fixture.SendAsync(new ResumeCase.Command(reference));

        var resumed = Assert.Single(await TimelineAsync(reference), e => e.Type == TimelineEventType.Resumed);
        Assert.DoesNotContain("moved", resumed.Summary.Replace("did not move", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("did not move", resumed.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_ReopenReasonEndingWithAFullStop_DoesNotReadFullStopSemicolon()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _bea, null));
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal));

        await fixture.SendAsync(new ReopenCase.Command(reference, "The customer's letter arrived."));

        var reopened = Assert.Single(await TimelineAsync(reference), e => e.Type == TimelineEventType.Reopened);
        Assert.DoesNotContain(".;", reopened.Summary, StringComparison.Ordinal);
        Assert.StartsWith("Reopened: The customer's letter arrived. New resolution deadline", reopened.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_StepsThatNameATime_WriteNoRawUtcTimestampIntoTheText()
    {
        var reference = await LogAsync();
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _bea, new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero)));
        await fixture.SendAsync(new WaitOnCustomer.Command(reference, "The bank statement."));
        fixture.Clock.Advance(TimeSpan.FromDays(2)); // two working days waiting: the deadline moves by them
        await fixture.SendAsync(new ResumeCase.Command(reference));
        await fixture.SendAsync(new ExtendResolution.Command(reference, new DateTimeOffset(2026, 12, 18, 12, 0, 0, TimeSpan.Zero), "The bank is slow.", CommunicationMethod.Verbal));
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Verbal));
        await fixture.SendAsync(new ReopenCase.Command(reference, "The refund bounced"));

        var timeline = await TimelineAsync(reference);

        Assert.Contains(timeline, e => e.Type == TimelineEventType.Resumed && e.Summary.EndsWith("the resolution deadline moved", StringComparison.Ordinal));
        Assert.All(timeline, e => Assert.DoesNotMatch(IsoInstant(), e.Summary));
        Assert.Contains(timeline, e => e.Type == TimelineEventType.Reopened && e.Summary.StartsWith("Reopened: The refund bounced. New", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Timeline_DeadlineSweep_WritesNoRawUtcTimestamp_ItWasDue()
    {
        // A critical case on the 24/7 calendar: acknowledgement due in an hour, resolution in six.
        var reference = await LogAsync(Priority.Critical);
        var sweep = ActivatorUtilities.CreateInstance<DeadlineSweep>(fixture.Services,
            Options.Create(new SweeperOptions()), Options.Create(new HelpDeskOptions { PublicBaseUrl = "https://desk.example" }));
        fixture.Clock.Advance(TimeSpan.FromMinutes(61));
        await sweep.RunAsync(CancellationToken.None);
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _bea, null));
        fixture.Clock.Advance(TimeSpan.FromHours(5));
        await sweep.RunAsync(CancellationToken.None);

        var timeline = await TimelineAsync(reference);

        Assert.Contains(timeline, e => e.Type == TimelineEventType.DeadlineBreached && e.Summary == "Acknowledgement deadline passed: it was due");
        Assert.Contains(timeline, e => e.Type == TimelineEventType.Escalated && e.Summary.EndsWith("the resolution deadline passed; it was due", StringComparison.Ordinal));
        Assert.All(timeline, e => Assert.DoesNotMatch(IsoInstant(), e.Summary));
    }
}
