using FluentValidation;
using HelpDesk.Application.Features.Policy;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Publishing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Policy;

/// <summary>Publishing versions of the policy and reading them back, on real PostgreSQL, with the desk's clock.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class PolicyHandlerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    /// <summary>ApplicationFixture.Now is 25 November 2026 in London.</summary>
    private static readonly DateOnly Today = new(2026, 11, 25);

    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static PublishPolicyVersion.Command Valid(
        string title = "Customer Service Policy 2027", DateOnly? approvedOn = null, DateOnly? effectiveFrom = null, PolicyVisibility visibility = PolicyVisibility.Public) => new()
        {
            Title = title,
            Body = "## Acknowledgement\n\nWithin one business day.",
            ApprovedOn = approvedOn ?? Today,
            EffectiveFrom = effectiveFrom ?? Today,
            Owner = "Head of Customer Service",
            Changelog = "Shorter acknowledgement section.",
            Visibility = visibility,
        };

    [Fact]
    public async Task A_fresh_install_has_the_default_policy_as_public_version_1_in_force_today()
    {
        var policy = await fixture.SendAsync(new GetPublishedPolicy.Query());

        Assert.NotNull(policy);
        Assert.Equal(1, policy.Number);
        Assert.Equal(DatabaseSeeder.DefaultPolicyTitle, policy.Title);
        Assert.Equal(Today, policy.EffectiveFrom);
        Assert.Equal(DatabaseSeeder.DefaultDepartment, policy.Owner);
        Assert.Contains("acknowledged within one business day", policy.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("substantive response within seven working days", policy.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("reviewed every\nyear", policy.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seeding_twice_publishes_the_default_policy_once()
    {
        await fixture.ResetWithDefaultsAsync();
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().SeedDefaultsAsync(CancellationToken.None);
        }

        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.PolicyVersions.CountAsync());
    }

    [Fact]
    public async Task Publishing_takes_the_next_number_and_records_who_and_when()
    {
        fixture.CurrentUser.Actor = new("admin-id", "Ada Administrator");

        var first = await fixture.SendAsync(Valid());
        var second = await fixture.SendAsync(Valid(title: "Customer Service Policy 2027, revised"));

        Assert.Equal(2, first.Number);
        Assert.Equal(3, second.Number);
        await using var db = fixture.CreateDbContext();
        var stored = await db.PolicyVersions.SingleAsync(p => p.Number == 3);
        Assert.Equal("Ada Administrator", stored.PublishedBy);
        Assert.Equal(ApplicationFixture.Now, stored.PublishedAt);
        Assert.Equal("Head of Customer Service", stored.Owner);
        Assert.Contains(await db.ConfigurationChanges.ToListAsync(), c => c.Subject == "Policy version 3" && c.Action == "Published" && c.ActorName == "Ada Administrator");
    }

    [Fact]
    public async Task A_new_public_version_replaces_the_old_one_on_its_effective_day_in_the_desks_zone()
    {
        await fixture.SendAsync(Valid(title: "Next year's policy", effectiveFrom: new DateOnly(2026, 12, 1)));

        Assert.Equal(1, (await fixture.SendAsync(new GetPublishedPolicy.Query()))!.Number);

        // 23:30 UTC on 30 November is still 30 November in London (GMT): not yet.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await fixture.SendAsync(new GetPublishedPolicy.Query()))!.Number);

        fixture.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var inForce = await fixture.SendAsync(new GetPublishedPolicy.Query());
        Assert.Equal(2, inForce!.Number);
        Assert.Equal("Next year's policy", inForce.Title);
    }

    [Fact]
    public async Task A_newer_version_backdated_to_an_earlier_effective_day_replaces_the_older_one_at_once()
    {
        await fixture.SendAsync(Valid(title: "Backdated", approvedOn: Today.AddDays(-10), effectiveFrom: Today.AddDays(-10)));

        Assert.Equal("Backdated", (await fixture.SendAsync(new GetPublishedPolicy.Query()))!.Title);
    }

    [Fact]
    public async Task The_effective_day_is_read_in_the_desks_zone_in_summer_too()
    {
        // Midnight in London on 1 July is 23:00 UTC on 30 June (BST).
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 30, 22, 59, 0, TimeSpan.Zero));
        await fixture.SendAsync(Valid(approvedOn: new DateOnly(2027, 6, 1), effectiveFrom: new DateOnly(2027, 7, 1)));
        Assert.Equal(1, (await fixture.SendAsync(new GetPublishedPolicy.Query()))!.Number);

        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 30, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, (await fixture.SendAsync(new GetPublishedPolicy.Query()))!.Number);
    }

    [Fact]
    public async Task A_staff_only_version_is_never_the_public_policy_and_is_listed_only_for_staff()
    {
        await fixture.SendAsync(Valid(title: "Internal handling notes", visibility: PolicyVisibility.StaffOnly));

        Assert.Equal(1, (await fixture.SendAsync(new GetPublishedPolicy.Query()))!.Number);
        Assert.Null(await fixture.SendAsync(new GetPolicyVersion.Query(2, ReaderIsStaff: false)));
        Assert.Equal("Internal handling notes", (await fixture.SendAsync(new GetPolicyVersion.Query(2, ReaderIsStaff: true)))!.Title);

        var forPublic = await fixture.SendAsync(new ListPolicyVersions.Query(ReaderIsStaff: false));
        var forStaff = await fixture.SendAsync(new ListPolicyVersions.Query(ReaderIsStaff: true));
        Assert.Equal([1], forPublic.Select(v => v.Number));
        Assert.Equal([2, 1], forStaff.Select(v => v.Number));
    }

    [Fact]
    public async Task The_list_says_which_version_is_in_force_superseded_or_still_to_come()
    {
        await fixture.SendAsync(Valid(title: "Second"));
        await fixture.SendAsync(Valid(title: "Third", effectiveFrom: new DateOnly(2027, 1, 1)));

        var versions = await fixture.SendAsync(new ListPolicyVersions.Query(ReaderIsStaff: false));

        Assert.Equal(
            [(3, "Takes effect later"), (2, "In force"), (1, "Superseded")],
            versions.Select(v => (v.Number, v.Standing)));
    }

    [Fact]
    public async Task Every_missing_field_is_refused_with_its_own_message_and_nothing_is_stored()
    {
        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new PublishPolicyVersion.Command()));

        Assert.Equal(
            ["ApprovedOn", "Body", "Changelog", "EffectiveFrom", "Owner", "Title", "Visibility"],
            failure.Errors.Select(e => e.PropertyName).Distinct().Order());
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.PolicyVersions.CountAsync());
    }

    [Fact]
    public async Task A_policy_cannot_take_effect_before_it_is_approved_nor_be_approved_in_the_future()
    {
        var early = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(Valid(approvedOn: Today, effectiveFrom: Today.AddDays(-1))));
        var future = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(Valid(approvedOn: Today.AddDays(1), effectiveFrom: Today.AddDays(1))));

        Assert.Contains(early.Errors, e => e.PropertyName == "EffectiveFrom");
        Assert.Contains(future.Errors, e => e.PropertyName == "ApprovedOn");
    }

    [Fact]
    public async Task A_title_longer_than_the_limit_and_an_unknown_visibility_are_refused()
    {
        var failure = await Assert.ThrowsAsync<ValidationException>(() =>
            fixture.SendAsync(Valid(title: new string('x', PolicyVersion.TitleMaxLength + 1), visibility: (PolicyVisibility)42)));

        Assert.Contains(failure.Errors, e => e.PropertyName == "Title");
        Assert.Contains(failure.Errors, e => e.PropertyName == "Visibility");
    }

    [Fact]
    public async Task Administrators_publishing_at_once_get_consecutive_numbers()
    {
        // More publishers at once than any retry count would cover: numbering must not depend on luck.
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => fixture.SendAsync(Valid(title: $"Concurrent {i}"))));

        Assert.Equal(Enumerable.Range(2, 12), results.Select(r => r.Number).Order());
    }

    [Fact]
    public async Task The_review_reminder_starts_thirty_days_before_a_year_after_approval()
    {
        // Version 1 was approved on 25 November 2026: due 25 November 2027, reminded from 26 October 2027.
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 25, 12, 0, 0, TimeSpan.Zero));
        var before = await fixture.SendAsync(new GetPolicyReview.Query());
        Assert.False(before.IsDue);
        Assert.Equal(new DateOnly(2027, 11, 25), before.ReviewDueOn);

        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 26, 12, 0, 0, TimeSpan.Zero));
        var reminded = await fixture.SendAsync(new GetPolicyReview.Query());
        Assert.True(reminded.IsDue);
        Assert.False(reminded.IsOverdue);

        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 26, 12, 0, 0, TimeSpan.Zero));
        Assert.True((await fixture.SendAsync(new GetPolicyReview.Query())).IsOverdue);
    }

    [Fact]
    public async Task Publishing_a_newly_approved_version_is_the_review_and_moves_the_date_on()
    {
        fixture.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 1, 12, 0, 0, TimeSpan.Zero));
        Assert.True((await fixture.SendAsync(new GetPolicyReview.Query())).IsDue);

        await fixture.SendAsync(Valid(approvedOn: new DateOnly(2027, 11, 1), effectiveFrom: new DateOnly(2027, 11, 1)));

        var review = await fixture.SendAsync(new GetPolicyReview.Query());
        Assert.False(review.IsDue);
        Assert.Equal(new DateOnly(2028, 11, 1), review.ReviewDueOn);
    }

    [Fact]
    public async Task The_sla_table_in_force_is_the_live_configuration_without_retired_rows()
    {
        var seeded = await fixture.SendAsync(new GetSlaTableInForce.Query());
        await using var db = fixture.CreateDbContext();
        var live = await db.SlaRules.CountAsync(r => !r.IsRetired);
        Assert.Equal(live, seeded.Count);
        Assert.Equal("Default (any type, any priority)", seeded[^1].AppliesTo);

        var retired = await db.SlaRules.FirstAsync(r => r.ComplaintTypeId != null);
        retired.Retire();
        await db.SaveChangesAsync();

        Assert.Equal(live - 1, (await fixture.SendAsync(new GetSlaTableInForce.Query())).Count);
    }
}
