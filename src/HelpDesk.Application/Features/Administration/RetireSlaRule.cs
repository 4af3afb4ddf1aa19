using HelpDesk.Application.Features.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// An administrator takes a row out of the table: new cases fall through to the next row in the
/// matching order. The default row cannot go, because every case needs a row. The retired row stays
/// for the record; cases computed from it keep their deadlines unless the change is applied to them.
/// </summary>
public static class RetireSlaRule
{
    public sealed record Command(int Id, bool ApplyToOpenCases) : ICommand<Result>;

    public sealed record Result(int CasesRecomputed);

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var rule = await SlaRuleWords.InForceAsync(db, command.Id, "That row is already retired.", cancellationToken);
            var before = await sla.CurrentTableAsync(cancellationToken);
            var label = await SlaRuleWords.LabelAsync(db, rule, cancellationToken);
            var calendar = await db.Calendars.Where(k => k.Id == rule.CalendarId).Select(k => k.Name).SingleAsync(cancellationToken);
            var stateBefore = SlaRuleWords.State(rule, label, calendar);
            rule.Retire();
            var change = ConfigurationRecord.Of(currentUser, time, $"SLA row {label}", "Retired", stateBefore, SlaRuleWords.State(rule, label, calendar));
            return new Result(await OpenCaseRecomputation.SaveAsync(db, sla, change, command.ApplyToOpenCases,
                after => SlaRuleWords.Touches(rule, before, after), currentUser, time, cancellationToken));
        }
    }
}
