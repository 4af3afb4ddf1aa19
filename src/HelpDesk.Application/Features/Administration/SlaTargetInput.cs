using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>One target as the SLA form posts it: an amount and a unit ("3" and working days).</summary>
public sealed record SlaTargetInput(int? Amount, SlaUnit? Unit)
{
    /// <summary>Over ten thousand of anything is a typing slip, not a promise to a customer.</summary>
    public const int MaxAmount = 9999;

    public static SlaTargetInput From(SlaTarget target) => new(target.Amount, target.Unit);

    public SlaTarget ToTarget() => new(Amount!.Value, Unit!.Value);

    internal sealed class Validator : AbstractValidator<SlaTargetInput>
    {
        public Validator()
        {
            RuleFor(t => t.Amount).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Enter how many.")
                .GreaterThan(0).WithMessage("A target must be more than zero.")
                .LessThanOrEqualTo(MaxAmount).WithMessage($"A target is at most {MaxAmount}.");
            RuleFor(t => t.Unit).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose a unit.")
                .IsInEnum().WithMessage("Choose one of the listed units.");
        }
    }
}

/// <summary>What every SLA row form posts besides the row's type and priority: its calendar and its three targets.</summary>
public interface ISlaRowTargets
{
    int? CalendarId { get; }
    SlaTargetInput Acknowledge { get; }
    SlaTargetInput Resolve { get; }
    SlaTargetInput FollowUp { get; }
}

internal sealed class SlaRowTargetsValidator : AbstractValidator<ISlaRowTargets>
{
    public SlaRowTargetsValidator(HelpDeskDbContext db)
    {
        RuleFor(c => c.CalendarId).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Choose the calendar the row counts business time and working days on.")
            .MustAsync((id, ct) => db.Calendars.AnyAsync(k => k.Id == id, ct)).WithMessage("Choose one of the listed calendars.");
        RuleFor(c => c.Acknowledge).NotNull().SetValidator(new SlaTargetInput.Validator());
        RuleFor(c => c.Resolve).NotNull().SetValidator(new SlaTargetInput.Validator());
        RuleFor(c => c.FollowUp).NotNull().SetValidator(new SlaTargetInput.Validator());
    }
}

/// <summary>How the audit record and the timeline describe an SLA row.</summary>
internal static class SlaRuleWords
{
    public static object State(SlaRule rule, string label, string calendar) => new
    {
        Row = label,
        Calendar = calendar,
        Acknowledge = rule.Acknowledge.Describe(),
        Resolve = rule.Resolve.Describe(),
        FollowUp = rule.FollowUp.Describe(),
        InForce = !rule.IsRetired,
    };

    /// <summary>The row an edit is about; a retired row is refused with <paramref name="whenRetired"/>.</summary>
    public static async Task<SlaRule> InForceAsync(HelpDeskDbContext db, int id, string whenRetired, CancellationToken cancellationToken)
    {
        var rule = await db.SlaRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new ConfigurationNotFoundException("SLA row", id);
        return rule.IsRetired ? throw new Domain.DomainRuleException(whenRetired) : rule;
    }

    /// <summary>The row's label in the audit record, with its complaint type's name as it is now.</summary>
    public static async Task<string> LabelAsync(HelpDeskDbContext db, SlaRule rule, CancellationToken cancellationToken)
    {
        var typeName = rule.ComplaintTypeId is { } typeId
            ? await db.ComplaintTypes.Where(t => t.Id == typeId).Select(t => t.Name).SingleAsync(cancellationToken)
            : null;
        return SlaRule.LabelFor(typeName, rule.Priority);
    }

    public static bool IsRow(SlaRow row, SlaRule rule) => row.ComplaintTypeId == rule.ComplaintTypeId && row.Priority == rule.Priority;

    /// <summary>The open cases an edit to <paramref name="rule"/> can move: those it applied to before the edit, or applies to after it.</summary>
    public static Func<int, Domain.Cases.Priority, bool> Touches(SlaRule rule, SlaTable before, SlaTable after) =>
        (type, priority) => IsRow(before.RowFor(type, priority), rule) || IsRow(after.RowFor(type, priority), rule);
}
