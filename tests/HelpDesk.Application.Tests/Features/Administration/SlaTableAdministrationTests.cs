using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Application.Tests.Features.Administration.AdministrationTestData;

namespace HelpDesk.Application.Tests.Features.Administration;

/// <summary>
/// Editing the SLA table through its handlers on PostgreSQL. Now is Wednesday 25 November 2026, 10:00 GMT;
/// Billing issues resolve in 3 working days on the office calendar (Mon–Sat 09:00–21:00): Saturday 28th, 21:00.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SlaTableAdministrationTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset SaturdayClose = new(2026, 11, 28, 21, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ThursdayClose = new(2026, 11, 26, 21, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.ActAsAdministrator();
    }

    public Task DisposeAsync()
    {
        fixture.ActAsAgent();
        return Task.CompletedTask;
    }

    private async Task<ChangeSlaRule.Result> BillingResolvesInOneWorkingDayAsync(bool applyToOpenCases) =>
        await fixture.SendAsync(new ChangeSlaRule.Command(
            await fixture.RuleIdAsync("Billing issues", null),
            await fixture.CalendarIdAsync(BusinessCalendar.OfficeName),
            Target(24, SlaUnit.ElapsedHours),
            Target(1, SlaUnit.WorkingDays),
            Target(7, SlaUnit.WorkingDays),
            applyToOpenCases));

    [Fact]
    public async Task The_table_is_listed_in_the_order_rows_are_matched_with_targets_in_words()
    {
        await fixture.SendAsync(new AddSlaRule.Command(await fixture.TypeIdAsync("Billing issues"), Priority.High, await fixture.CalendarIdAsync("office"),
            Target(4, SlaUnit.BusinessHours), Target(2, SlaUnit.WorkingDays), Target(30, SlaUnit.ElapsedMinutes), ApplyToOpenCases: false));

        var rows = await fixture.SendAsync(new ListSlaRules.Query());

        Assert.Equal(
            ["Billing issues, High", "Any type, Critical", "Billing issues, any priority", "Product defects, any priority", "Service outage, any priority", "Default (any type, any priority)"],
            rows.Select(r => r.Label));
        Assert.Equal([1, 2, 3, 3, 3, 4], rows.Select(r => r.MatchStep));
        var billingHigh = rows[0];
        Assert.Equal(("4 business hours", "2 working days", "30 minutes", "office"), (billingHigh.AcknowledgeInWords, billingHigh.ResolveInWords, billingHigh.FollowUpInWords, billingHigh.Calendar));
        Assert.Equal(("1 hour", "6 hours", "1 working day", "24/7"), (rows[1].AcknowledgeInWords, rows[1].ResolveInWords, rows[1].FollowUpInWords, rows[1].Calendar));
        Assert.True(rows[^1].IsDefault);
    }

    [Fact]
    public async Task An_edit_applies_to_cases_logged_afterwards_while_earlier_cases_keep_their_own_deadlines()
    {
        var earlier = await fixture.LogAsync();

        var result = await BillingResolvesInOneWorkingDayAsync(applyToOpenCases: false);
        var later = await fixture.LogAsync();

        Assert.Equal(0, result.CasesRecomputed);
        Assert.Equal(SaturdayClose, (await fixture.CaseAsync(earlier)).ResolveDue);
        Assert.Equal(ThursdayClose, (await fixture.CaseAsync(later)).ResolveDue);
        Assert.DoesNotContain((await fixture.CaseAsync(earlier)).Timeline, e => e.Type == TimelineEventType.DeadlineRecomputed);
    }

    [Fact]
    public async Task Applying_an_edit_to_open_cases_recomputes_them_from_received_at_and_notes_the_change_but_leaves_resolved_and_other_cases_alone()
    {
        var open = await fixture.LogAsync();
        var resolved = await fixture.LogAsync();
        var general = await fixture.LogAsync("General");
        await fixture.SendAsync(new ResolveCase.Command(resolved, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Email));
        var resolvedBefore = await fixture.CaseAsync(resolved);
        fixture.Clock.Advance(TimeSpan.FromHours(2));

        var result = await BillingResolvesInOneWorkingDayAsync(applyToOpenCases: true);

        Assert.Equal(1, result.CasesRecomputed);
        var recomputed = await fixture.CaseAsync(open);
        Assert.Equal(ThursdayClose, recomputed.ResolveDue);
        await using var db = fixture.CreateDbContext();
        var change = await db.ConfigurationChanges.SingleAsync();
        Assert.True(change.AppliedToOpenCases);
        Assert.Equal(1, change.CasesRecomputed);
        var note = Assert.Single(recomputed.Timeline, e => e.Type == TimelineEventType.DeadlineRecomputed);
        Assert.Contains($"configuration change #{change.Id}", note.Summary, StringComparison.Ordinal);
        Assert.Contains("SLA row Billing issues, any priority", note.Summary, StringComparison.Ordinal);
        Assert.Equal("Ada Administrator", note.ActorName);
        Assert.Equal(ApplicationFixture.Now.AddHours(2), note.OccurredAt);
        var untouched = await fixture.CaseAsync(resolved);
        Assert.Equal(resolvedBefore.Timeline.Count, untouched.Timeline.Count);
        Assert.Equal(resolvedBefore.FollowUpDue, untouched.FollowUpDue);
        Assert.DoesNotContain((await fixture.CaseAsync(general)).Timeline, e => e.Type == TimelineEventType.DeadlineRecomputed);
    }

    [Fact]
    public async Task Every_open_case_is_recomputed_even_when_there_are_more_than_one_batch()
    {
        var count = OpenCaseRecomputation.BatchSize + 3;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Application.Persistence.HelpDeskDbContext>();
            var typeId = await fixture.TypeIdAsync("Billing issues");
            var row = (await scope.ServiceProvider.GetRequiredService<SlaPolicy>().CurrentTableAsync(CancellationToken.None)).RowFor(typeId, Priority.Normal);
            for (var i = 1; i <= count; i++)
            {
                db.Complaints.Add(Complaint.Log(ReferenceNumber.Create("HD", 2026, i),
                    new NewCase(ApplicationFixture.Now, Channel.Email, CaseKind.Complaint, typeId, Priority.Normal,
                        new CustomerContact("Customer", "c@example.com", null, null), "Subject", "Description"),
                    row, Actor.System, ApplicationFixture.Now));
            }

            await db.SaveChangesAsync();
        }

        var result = await BillingResolvesInOneWorkingDayAsync(applyToOpenCases: true);

        Assert.Equal(count, result.CasesRecomputed);
        await using var check = fixture.CreateDbContext();
        Assert.Equal(count, await check.Complaints.CountAsync(c => c.ResolveDue == ThursdayClose));
        Assert.Equal(count, await check.TimelineEvents.CountAsync(e => e.Type == TimelineEventType.DeadlineRecomputed));
    }

    [Fact]
    public async Task A_new_row_applied_to_open_cases_moves_only_the_cases_it_matches()
    {
        var high = await fixture.LogAsync(priority: Priority.High);
        var normal = await fixture.LogAsync(priority: Priority.Normal);

        var result = await fixture.SendAsync(new AddSlaRule.Command(await fixture.TypeIdAsync("Billing issues"), Priority.High, await fixture.CalendarIdAsync("office"),
            Target(2, SlaUnit.ElapsedHours), Target(1, SlaUnit.WorkingDays), Target(7, SlaUnit.WorkingDays), ApplyToOpenCases: true));

        Assert.Equal(1, result.CasesRecomputed);
        Assert.Equal(ApplicationFixture.Now.AddHours(2), (await fixture.CaseAsync(high)).AcknowledgeDue);
        Assert.Equal(ThursdayClose, (await fixture.CaseAsync(high)).ResolveDue);
        Assert.Equal(SaturdayClose, (await fixture.CaseAsync(normal)).ResolveDue);
    }

    [Fact]
    public async Task Retiring_a_row_sends_new_cases_to_the_next_row_and_applied_to_open_cases_recomputes_them_on_it()
    {
        var open = await fixture.LogAsync();

        var result = await fixture.SendAsync(new RetireSlaRule.Command(await fixture.RuleIdAsync("Billing issues", null), ApplyToOpenCases: true));
        var later = await fixture.LogAsync();

        Assert.Equal(1, result.CasesRecomputed);
        // The default row: acknowledge within 1 working day (Thursday's close), resolve within 7 (Thursday 3 December).
        var expected = new DateTimeOffset(2026, 12, 3, 21, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, (await fixture.CaseAsync(open)).ResolveDue);
        Assert.Equal(expected, (await fixture.CaseAsync(later)).ResolveDue);
        Assert.DoesNotContain(await fixture.SendAsync(new ListSlaRules.Query()), r => r.Label == "Billing issues, any priority");
        Assert.Contains(await fixture.SendAsync(new ListSlaRules.Query(IncludeRetired: true)), r => r.Label == "Billing issues, any priority" && r.IsRetired);
    }

    [Fact]
    public async Task The_default_row_cannot_be_retired()
    {
        var id = await fixture.RuleIdAsync(null, null);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new RetireSlaRule.Command(id, ApplyToOpenCases: false)));

        Assert.Contains("default row cannot be retired", refused.Errors.Single().ErrorMessage, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.SlaRules.Where(r => r.Id == id).Select(r => r.IsRetired).SingleAsync());
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    public static TheoryData<string, SlaTargetInput, SlaTargetInput?, string> BadTargets => new()
    {
        { "zero", Target(0, SlaUnit.WorkingDays), null, "Resolve.Amount" },
        { "negative", Target(-3, SlaUnit.ElapsedHours), null, "Resolve.Amount" },
        { "no amount", new SlaTargetInput(null, SlaUnit.WorkingDays), null, "Resolve.Amount" },
        { "no unit", new SlaTargetInput(3, null), null, "Resolve.Unit" },
        { "unknown unit", new SlaTargetInput(3, (SlaUnit)42), null, "Resolve.Unit" },
        { "follow-up missing", Target(3, SlaUnit.WorkingDays), new SlaTargetInput(null, null), "FollowUp.Amount" },
    };

    [Theory]
    [MemberData(nameof(BadTargets))]
    public async Task A_target_that_is_not_a_positive_amount_of_a_known_unit_is_refused_and_nothing_changes(string what, SlaTargetInput resolve, SlaTargetInput? followUp, string field)
    {
        Assert.NotEmpty(what);
        var id = await fixture.RuleIdAsync("Billing issues", null);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new ChangeSlaRule.Command(
            id, await fixture.CalendarIdAsync("office"), Target(24, SlaUnit.ElapsedHours), resolve, followUp ?? Target(7, SlaUnit.WorkingDays), ApplyToOpenCases: true)));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        await using var db = fixture.CreateDbContext();
        var rule = await db.SlaRules.SingleAsync(r => r.Id == id);
        Assert.Equal((SlaTarget.WorkingDays(3), 1), (rule.Resolve, rule.Version));
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task A_row_must_name_an_existing_calendar()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new ChangeSlaRule.Command(
            await fixture.RuleIdAsync("Billing issues", null), 999_999, Target(24, SlaUnit.ElapsedHours), Target(3, SlaUnit.WorkingDays), Target(7, SlaUnit.WorkingDays), false)));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(ChangeSlaRule.Command.CalendarId));
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task Two_rows_in_force_for_the_same_type_and_priority_are_refused()
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new AddSlaRule.Command(
            null, Priority.Critical, await fixture.CalendarIdAsync("office"), Target(1, SlaUnit.ElapsedHours), Target(1, SlaUnit.WorkingDays), Target(1, SlaUnit.WorkingDays), false)));
        var secondDefault = await Assert.ThrowsAsync<ValidationException>(async () => await fixture.SendAsync(new AddSlaRule.Command(
            null, null, await fixture.CalendarIdAsync("office"), Target(1, SlaUnit.ElapsedHours), Target(1, SlaUnit.WorkingDays), Target(1, SlaUnit.WorkingDays), false)));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(AddSlaRule.Command.ComplaintTypeId) && e.ErrorMessage.Contains("already has a row", StringComparison.Ordinal));
        Assert.NotEmpty(secondDefault.Errors);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(5, await db.SlaRules.CountAsync());
        Assert.Equal(0, await fixture.ChangeCountAsync());
    }

    [Fact]
    public async Task A_row_for_a_retired_key_may_be_added_again()
    {
        await fixture.SendAsync(new RetireSlaRule.Command(await fixture.RuleIdAsync("Billing issues", null), false));

        await fixture.SendAsync(new AddSlaRule.Command(await fixture.TypeIdAsync("Billing issues"), null, await fixture.CalendarIdAsync("office"),
            Target(12, SlaUnit.ElapsedHours), Target(2, SlaUnit.WorkingDays), Target(7, SlaUnit.WorkingDays), false));

        var rows = await fixture.SendAsync(new ListSlaRules.Query(IncludeRetired: true));
        Assert.Equal(2, rows.Count(r => r.Label == "Billing issues, any priority"));
        Assert.Equal("2 working days", rows.Single(r => r.Label == "Billing issues, any priority" && !r.IsRetired).ResolveInWords);
    }

    [Fact]
    public async Task An_edit_is_audited_with_the_row_before_and_after_in_words()
    {
        await BillingResolvesInOneWorkingDayAsync(applyToOpenCases: false);

        await using var db = fixture.CreateDbContext();
        var change = await db.ConfigurationChanges.SingleAsync();
        Assert.Equal(("SLA row Billing issues, any priority", "Edited", "Ada Administrator"), (change.Subject, change.Action, change.ActorName));
        Assert.Contains("\"Resolve\": \"3 working days\"", change.Before, StringComparison.Ordinal);
        Assert.Contains("\"Resolve\": \"1 working day\"", change.After, StringComparison.Ordinal);
        Assert.False(change.AppliedToOpenCases);
    }
}
