using HelpDesk.Domain.Reporting;

namespace HelpDesk.Application.Features.Administration;

/// <summary>The KPI targets the manager's dashboard measures against, in the dashboard's order, with where each came from.</summary>
public static class ListKpiTargets
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(KpiMeasure Measure, string Name, decimal? Target, string Unit, KpiDirection Direction, decimal Min, decimal Max, string Source);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var targets = await db.KpiTargets.AsNoTracking().ToDictionaryAsync(t => t.Measure, t => t.Target, cancellationToken);
            return [.. Enum.GetValues<KpiMeasure>().Select(m =>
            {
                var (min, max) = KpiTarget.RangeOf(m);
                return new Item(m, KpiTarget.Describe(m), targets.GetValueOrDefault(m), KpiTarget.UnitOf(m), KpiTarget.DirectionOf(m), min, max, KpiTarget.SourceOf(m));
            })];
        }
    }
}

/// <summary>An administrator sets or clears the target of one KPI; the change is recorded like every configuration edit.</summary>
public static class SetKpiTarget
{
    public sealed record Command(KpiMeasure? Measure, decimal? Target) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Measure).NotNull().WithMessage("Choose a KPI.").IsInEnum();
            RuleFor(c => c.Target)
                .Must((c, target) => target is not { } value || (value >= KpiTarget.RangeOf(c.Measure!.Value).Min && value <= KpiTarget.RangeOf(c.Measure!.Value).Max))
                .When(c => c.Measure is { } m && Enum.IsDefined(m))
                .WithMessage(c => $"Enter a target between {KpiTarget.RangeOf(c.Measure!.Value).Min} and {KpiTarget.RangeOf(c.Measure!.Value).Max} {KpiTarget.UnitOf(c.Measure!.Value)}, or leave it empty for no target.")
                .Must(target => target is not { } value || decimal.Round(value, 1) == value)
                .WithMessage("Enter the target with at most one decimal place.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var measure = command.Measure!.Value;
            var target = await db.KpiTargets.SingleOrDefaultAsync(t => t.Measure == measure, cancellationToken);
            var before = target?.Target;
            if (target is null)
            {
                db.KpiTargets.Add(new KpiTarget(measure, command.Target));
            }
            else if (before == command.Target)
            {
                return Unit.Value;
            }
            else
            {
                target.Change(command.Target);
            }

            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, $"KPI target {KpiTarget.Describe(measure)}", "Edited",
                new { Target = before, Unit = KpiTarget.UnitOf(measure) }, new { command.Target, Unit = KpiTarget.UnitOf(measure) }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
