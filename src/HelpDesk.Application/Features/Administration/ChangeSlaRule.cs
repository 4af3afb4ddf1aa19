using HelpDesk.Application.Features.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// An administrator changes a row's calendar or targets. The row's type and priority stay: they are
/// what it is (retire it and add another to change them). New cases get the new targets; open cases
/// keep theirs unless the administrator applies the change to them too.
/// </summary>
public static class ChangeSlaRule
{
    public sealed record Command(
        int Id,
        int? CalendarId,
        SlaTargetInput Acknowledge,
        SlaTargetInput Resolve,
        SlaTargetInput FollowUp,
        bool ApplyToOpenCases) : ICommand<Result>, ISlaRowTargets;

    public sealed record Result(int CasesRecomputed);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db) => Include(new SlaRowTargetsValidator(db));
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var rule = await SlaRuleWords.InForceAsync(db, command.Id, "A retired row cannot be edited: add a new row instead.", cancellationToken);
            var before = await sla.CurrentTableAsync(cancellationToken);
            var label = await SlaRuleWords.LabelAsync(db, rule, cancellationToken);
            var calendars = await db.Calendars.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
            var stateBefore = SlaRuleWords.State(rule, label, calendars[rule.CalendarId]);
            rule.Change(command.CalendarId!.Value, command.Acknowledge.ToTarget(), command.Resolve.ToTarget(), command.FollowUp.ToTarget());
            var change = ConfigurationRecord.Of(currentUser, time, $"SLA row {label}", "Edited", stateBefore, SlaRuleWords.State(rule, label, calendars[rule.CalendarId]));
            return new Result(await OpenCaseRecomputation.SaveAsync(db, sla, change, command.ApplyToOpenCases,
                after => SlaRuleWords.Touches(rule, before, after), currentUser, time, cancellationToken));
        }
    }
}
