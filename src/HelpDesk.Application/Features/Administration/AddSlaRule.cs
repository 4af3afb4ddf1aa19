using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// An administrator adds a row to the SLA table. New cases that match it get its targets; open cases
/// keep their deadlines unless the administrator applies the change to them too.
/// </summary>
public static class AddSlaRule
{
    /// <summary>A null type or priority means "any".</summary>
    public sealed record Command(
        int? ComplaintTypeId,
        Priority? Priority,
        int? CalendarId,
        SlaTargetInput Acknowledge,
        SlaTargetInput Resolve,
        SlaTargetInput FollowUp,
        bool ApplyToOpenCases) : ICommand<Result>, ISlaRowTargets;

    public sealed record Result(int Id, int CasesRecomputed);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.ComplaintTypeId)
                .MustAsync((id, ct) => db.ComplaintTypes.AnyAsync(t => t.Id == id && t.IsActive, ct))
                .WithMessage("Choose one of the listed complaint types, or any type.")
                .When(c => c.ComplaintTypeId is not null);
            RuleFor(c => c.Priority).IsInEnum().WithMessage("Choose one of the listed priorities, or any priority.");
            Include(new SlaRowTargetsValidator(db));
            RuleFor(c => c)
                .MustAsync((c, ct) => db.SlaRules.AllAsync(r => r.IsRetired || r.ComplaintTypeId != c.ComplaintTypeId || r.Priority != c.Priority, ct))
                .OverridePropertyName(nameof(Command.ComplaintTypeId))
                .WithMessage("The table already has a row for this type and priority: edit that row instead.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var before = await sla.CurrentTableAsync(cancellationToken);
            var rule = SlaRule.Create(command.ComplaintTypeId, command.Priority, command.CalendarId!.Value,
                command.Acknowledge.ToTarget(), command.Resolve.ToTarget(), command.FollowUp.ToTarget());
            var label = await SlaRuleWords.LabelAsync(db, rule, cancellationToken);
            var calendar = await db.Calendars.Where(k => k.Id == rule.CalendarId).Select(k => k.Name).SingleAsync(cancellationToken);
            var change = ConfigurationRecord.Of(currentUser, time, $"SLA row {label}", "Added", null, SlaRuleWords.State(rule, label, calendar));
            db.SlaRules.Add(rule);
            var recomputed = await OpenCaseRecomputation.SaveAsync(db, sla, change, command.ApplyToOpenCases,
                after => SlaRuleWords.Touches(rule, before, after), currentUser, time, cancellationToken);
            return new Result(rule.Id, recomputed);
        }
    }
}
