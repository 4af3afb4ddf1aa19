using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Complaints;

/// <summary>
/// Deadlines computed at logging from the seeded SLA table, stored with the case, explained, and
/// recomputed when staff change the type or priority. The clock: Wednesday 25 November 2026, 10:00
/// in London (GMT). The office calendar: Monday–Saturday 09:00–21:00.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class CaseDeadlinesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = ApplicationFixture.Now;

    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<LogComplaint.Result> LogAsync(string type, Priority priority)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == type).Select(t => t.Id).SingleAsync();
        return await fixture.SendAsync(CaseBuilder.Command(Now, Channel.Email, typeId, new CaseBuilder.Customer("Tom Baker", "tom@example.com")) with
        {
            Priority = priority,
            Subject = "Subject",
            Description = "Description",
        });
    }

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, Priority, DateTimeOffset, DateTimeOffset> SeededRows() => new()
    {
        // The default row: 1 working day (Thursday) and 7 working days (Thu, Fri, Sat, Mon, Tue, Wed, Thu 3 Dec), close of business 21:00.
        { "General", Priority.Normal, Utc(11, 26, 21), Utc(12, 3, 21) },
        // Billing issues: 24 elapsed hours; 3 working days (Thu, Fri, Sat).
        { "Billing issues", Priority.Low, Utc(11, 26, 10), Utc(11, 28, 21) },
        // Product defects: 24 hours; 5 working days (Thu, Fri, Sat, Mon, Tue 1 Dec).
        { "Product defects", Priority.High, Utc(11, 26, 10), Utc(12, 1, 21) },
        // Service outage: 12 hours; 2 working days (Thu, Fri).
        { "Service outage", Priority.Normal, Utc(11, 25, 22), Utc(11, 27, 21) },
        // Critical, whatever the type: 1 hour and 6 hours on the 24/7 calendar.
        { "General", Priority.Critical, Utc(11, 25, 11), Utc(11, 25, 16) },
        { "Billing issues", Priority.Critical, Utc(11, 25, 11), Utc(11, 25, 16) },
    };

    [Theory]
    [MemberData(nameof(SeededRows))]
    public async Task Logging_computes_and_stores_the_deadlines_of_the_row_that_applies(string type, Priority priority, DateTimeOffset acknowledgeBy, DateTimeOffset resolveBy)
    {
        var logged = await LogAsync(type, priority);

        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.SingleAsync(c => c.Id == logged.Id);
        Assert.Equal(acknowledgeBy, stored.AcknowledgeDue);
        Assert.Equal(resolveBy, stored.ResolveDue);
        Assert.Equal(acknowledgeBy, stored.Deadlines.Acknowledgement.Due);
        Assert.Equal(resolveBy, stored.Deadlines.Resolution.Due);
        Assert.Equal(Now, stored.Deadlines.ReceivedAt);
        Assert.Null(stored.FollowUpDue);
        Assert.Equal(acknowledgeBy < resolveBy ? acknowledgeBy : resolveBy, stored.NextDueAt);
    }

    [Fact]
    public async Task The_case_page_explains_each_deadline_with_its_row_calendar_and_target()
    {
        var logged = await LogAsync("Billing issues", Priority.Normal);

        var details = await fixture.SendAsync(new GetComplaint.Query(logged.Reference));

        Assert.NotNull(details);
        Assert.Equal(2, details.Deadlines.Count);
        var resolve = details.Deadlines.Single(d => d.Kind == DeadlineKind.Resolution);
        Assert.Equal(Utc(11, 28, 21), resolve.Due);
        Assert.Equal("3 working days", resolve.Target);
        Assert.False(resolve.IsBreached);
        // Wednesday 10:00 to close of business Saturday: today, Thursday and Friday are left before the day it falls due.
        Assert.Equal("3 working days left", resolve.Standing);
        Assert.Contains(resolve.Explanation, line => line.Contains("Billing issues, any priority", StringComparison.Ordinal));
        Assert.Contains(resolve.Explanation, line => line.Contains("office", StringComparison.Ordinal) && line.Contains("Europe/London", StringComparison.Ordinal));
        Assert.Contains(resolve.Explanation, line => line.Contains("when the customer made contact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deadlines_are_a_snapshot_later_edits_to_the_table_do_not_move_them()
    {
        var logged = await LogAsync("Billing issues", Priority.Normal);
        await using (var db = fixture.CreateDbContext())
        {
            var billing = await db.SlaRules.SingleAsync(r => r.ComplaintTypeId == db.ComplaintTypes.Single(t => t.Name == "Billing issues").Id);
            billing.Change(billing.CalendarId, SlaTarget.ElapsedHours(2), SlaTarget.WorkingDays(1), billing.FollowUp);
            await db.SaveChangesAsync();
        }

        var later = await LogAsync("Billing issues", Priority.Normal);

        await using var check = fixture.CreateDbContext();
        Assert.Equal(Utc(11, 28, 21), (await check.Complaints.SingleAsync(c => c.Id == logged.Id)).ResolveDue);
        Assert.Equal(Utc(11, 26, 21), (await check.Complaints.SingleAsync(c => c.Id == later.Id)).ResolveDue);
        Assert.Equal(Now.AddHours(2), (await check.Complaints.SingleAsync(c => c.Id == later.Id)).AcknowledgeDue);
    }

    [Fact]
    public async Task Changing_type_and_priority_recomputes_from_the_original_received_time_and_notes_it_on_the_timeline()
    {
        var logged = await LogAsync("General", Priority.Normal);
        fixture.Clock.Advance(TimeSpan.FromHours(3));

        var result = await fixture.SendAsync(new ChangeCaseClassification.Command(logged.Reference, await TypeIdAsync("Service outage"), Priority.High));

        Assert.Equal(2, result.DeadlinesMoved);
        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Id == logged.Id);
        Assert.Equal(Priority.High, stored.Priority);
        Assert.Equal(Utc(11, 25, 22), stored.AcknowledgeDue);
        Assert.Equal(Utc(11, 27, 21), stored.ResolveDue);
        Assert.Contains(stored.Timeline, e => e.Type == TimelineEventType.ClassificationChanged && e.OldValue == "General, Normal" && e.NewValue == "Service outage, High" && e.ActorName == "Alex Agent");
        var recomputed = stored.Timeline.Where(e => e.Type == TimelineEventType.DeadlineRecomputed).ToList();
        Assert.Equal(2, recomputed.Count);
        Assert.All(recomputed, e => Assert.Equal(Now.AddHours(3), e.OccurredAt));
        Assert.Contains(stored.Deadlines.Resolution.Explain(), line => line.StartsWith("Recomputed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Changing_to_the_same_type_and_priority_is_refused_and_changes_nothing()
    {
        var logged = await LogAsync("General", Priority.Normal);

        await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new ChangeCaseClassification.Command(logged.Reference, await TypeIdAsync("General"), Priority.Normal)));

        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.TimelineEvents.CountAsync());
    }

    [Fact]
    public async Task Changing_a_case_that_does_not_exist_is_not_found()
    {
        var typeId = await TypeIdAsync("General");

        await Assert.ThrowsAsync<CaseNotFoundException>(async () =>
            await fixture.SendAsync(new ChangeCaseClassification.Command(ReferenceNumber.Create("HD", 2026, 77).ToString(), typeId, Priority.High)));
    }

    [Theory]
    [InlineData("not-a-reference", 1, Priority.High, nameof(ChangeCaseClassification.Command.Reference))]
    [InlineData("HD-2026-000001-A", 999_999, Priority.High, nameof(ChangeCaseClassification.Command.ComplaintTypeId))]
    [InlineData("HD-2026-000001-A", 1, (Priority)42, nameof(ChangeCaseClassification.Command.Priority))]
    public async Task A_bad_reclassification_is_refused_by_field(string reference, int typeId, Priority priority, string field)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new ChangeCaseClassification.Command(reference, typeId, priority)));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
    }

    private async Task<int> TypeIdAsync(string name)
    {
        await using var db = fixture.CreateDbContext();
        return await db.ComplaintTypes.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }
}
