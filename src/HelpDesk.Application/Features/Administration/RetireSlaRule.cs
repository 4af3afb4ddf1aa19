using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
            var rule = await db.SlaRules.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new ConfigurationNotFoundException("SLA row", command.Id);
            if (rule.IsRetired)
            {
                throw new Domain.DomainRuleException("That row is already retired.");
            }

            var before = await sla.CurrentTableAsync(cancellationToken);
            var typeName = rule.ComplaintTypeId is { } typeId
                ? await db.ComplaintTypes.Where(t => t.Id == typeId).Select(t => t.Name).SingleAsync(cancellationToken)
                : null;
            var label = SlaRule.LabelFor(typeName, rule.Priority);
            var calendar = await db.Calendars.Where(k => k.Id == rule.CalendarId).Select(k => k.Name).SingleAsync(cancellationToken);
            var stateBefore = SlaRuleWords.State(rule, label, calendar);
            rule.Retire();
            var change = ConfigurationRecord.Of(currentUser, time, $"SLA row {label}", "Retired", stateBefore, SlaRuleWords.State(rule, label, calendar));
            if (command.ApplyToOpenCases)
            {
                change.RecordAppliedToOpenCases(0);
            }

            db.ConfigurationChanges.Add(change);
            await db.SaveChangesAsync(cancellationToken);
            if (!command.ApplyToOpenCases)
            {
                return new Result(0);
            }

            var after = await sla.CurrentTableAsync(cancellationToken);
            return new Result(await OpenCaseRecomputation.RunAsync(db, after, SlaRuleWords.Touches(rule, before, after), change, currentUser.Actor, time.GetUtcNow(), cancellationToken));
        }
    }
}
