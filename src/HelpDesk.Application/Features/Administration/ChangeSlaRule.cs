using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
        bool ApplyToOpenCases) : ICommand<Result>;

    public sealed record Result(int CasesRecomputed);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.CalendarId).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose the calendar the row counts business time and working days on.")
                .MustAsync((id, ct) => db.Calendars.AnyAsync(k => k.Id == id, ct)).WithMessage("Choose one of the listed calendars.");
            RuleFor(c => c.Acknowledge).NotNull().SetValidator(new SlaTargetInput.Validator());
            RuleFor(c => c.Resolve).NotNull().SetValidator(new SlaTargetInput.Validator());
            RuleFor(c => c.FollowUp).NotNull().SetValidator(new SlaTargetInput.Validator());
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var rule = await db.SlaRules.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new ConfigurationNotFoundException("SLA row", command.Id);
            if (rule.IsRetired)
            {
                throw new Domain.DomainRuleException("A retired row cannot be edited: add a new row instead.");
            }

            var before = await sla.CurrentTableAsync(cancellationToken);
            var typeName = rule.ComplaintTypeId is { } typeId
                ? await db.ComplaintTypes.Where(t => t.Id == typeId).Select(t => t.Name).SingleAsync(cancellationToken)
                : null;
            var label = Domain.Sla.SlaRule.LabelFor(typeName, rule.Priority);
            var calendars = await db.Calendars.AsNoTracking().ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
            var stateBefore = SlaRuleWords.State(rule, label, calendars[rule.CalendarId]);
            rule.Change(command.CalendarId!.Value, command.Acknowledge.ToTarget(), command.Resolve.ToTarget(), command.FollowUp.ToTarget());
            var change = ConfigurationRecord.Of(currentUser, time, $"SLA row {label}", "Edited", stateBefore, SlaRuleWords.State(rule, label, calendars[rule.CalendarId]));
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
