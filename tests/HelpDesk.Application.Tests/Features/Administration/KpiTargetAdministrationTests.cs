using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Administration;

/// <summary>KPI targets: seeded from the policy, changed by administrators within range, every change recorded.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class KpiTargetAdministrationTests(ApplicationFixture fixture) : IAsyncLifetime
{
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

    [Fact]
    public async Task The_policys_targets_are_seeded_and_measures_it_does_not_name_have_none()
    {
        var targets = (await fixture.SendAsync(new ListKpiTargets.Query())).ToDictionary(t => t.Measure);

        Assert.Equal(Enum.GetValues<KpiMeasure>().Length, targets.Count);
        Assert.Equal(85m, targets[KpiMeasure.FirstContactResolution].Target);
        Assert.Equal(95m, targets[KpiMeasure.CustomerSatisfaction].Target);
        Assert.Equal(-10m, targets[KpiMeasure.ComplaintVolumeChange].Target);
        Assert.Equal(2m, targets[KpiMeasure.OnlineResponseTime].Target);
        Assert.Equal(95m, targets[KpiMeasure.ResolutionCompliance].Target);
        Assert.Null(targets[KpiMeasure.NetPromoterScore].Target);
        Assert.Equal(KpiDirection.AtMost, targets[KpiMeasure.ComplaintVolumeChange].Direction);
        Assert.StartsWith("Not in the policy", targets[KpiMeasure.AcknowledgementCompliance].Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_changes_and_clears_a_target_and_each_change_is_recorded()
    {
        await fixture.SendAsync(new SetKpiTarget.Command(KpiMeasure.FirstContactResolution, 80.5m));
        await fixture.SendAsync(new SetKpiTarget.Command(KpiMeasure.NetPromoterScore, 30m));
        await fixture.SendAsync(new SetKpiTarget.Command(KpiMeasure.CustomerSatisfaction, null));

        var targets = (await fixture.SendAsync(new ListKpiTargets.Query())).ToDictionary(t => t.Measure, t => t.Target);
        Assert.Equal(80.5m, targets[KpiMeasure.FirstContactResolution]);
        Assert.Equal(30m, targets[KpiMeasure.NetPromoterScore]);
        Assert.Null(targets[KpiMeasure.CustomerSatisfaction]);

        await using var db = fixture.CreateDbContext();
        var changes = await db.ConfigurationChanges.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(3, changes.Count);
        Assert.Equal("KPI target First contact resolution", changes[0].Subject);
        Assert.Contains("85", changes[0].Before, StringComparison.Ordinal);
        Assert.Contains("80.5", changes[0].After, StringComparison.Ordinal);
        Assert.All(changes, c => Assert.Equal("Ada Administrator", c.ActorName));
    }

    [Fact]
    public async Task Setting_the_same_target_again_records_nothing()
    {
        await fixture.SendAsync(new SetKpiTarget.Command(KpiMeasure.FirstContactResolution, 85m));

        await using var db = fixture.CreateDbContext();
        Assert.Empty(await db.ConfigurationChanges.ToListAsync());
    }

    [Theory]
    [InlineData(KpiMeasure.CustomerSatisfaction, "101")]
    [InlineData(KpiMeasure.AcknowledgementCompliance, "-1")]
    [InlineData(KpiMeasure.OnlineResponseTime, "721")]
    [InlineData(KpiMeasure.ComplaintVolumeChange, "-100.5")]
    [InlineData(KpiMeasure.FirstContactResolution, "85.25")]
    public async Task A_target_out_of_range_or_too_precise_is_refused_and_nothing_changes(KpiMeasure measure, string target)
    {
        var value = decimal.Parse(target, System.Globalization.CultureInfo.InvariantCulture);

        var failure = await Assert.ThrowsAsync<ValidationException>(() => fixture.SendAsync(new SetKpiTarget.Command(measure, value)));

        Assert.Contains(failure.Errors, e => e.PropertyName == nameof(SetKpiTarget.Command.Target));
        await using var db = fixture.CreateDbContext();
        Assert.Empty(await db.ConfigurationChanges.ToListAsync());
        var stored = await db.KpiTargets.SingleAsync(t => t.Measure == measure);
        Assert.NotEqual(value, stored.Target);
    }
}
