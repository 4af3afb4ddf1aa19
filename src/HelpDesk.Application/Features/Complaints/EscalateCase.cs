using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Complaints;

public static class EscalateCase
{
    public sealed record Command(string Reference, int? DepartmentId, string? AssigneeId, string? Reason) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.AssigneeId).NotEmpty().WithMessage("Choose the person it is escalated to: every escalation has a new owner, who is told.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the case is escalated.").MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MessageOutbox outbox, DeskClock clock, IOptions<HelpDeskOptions> links, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Escalate, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            // The new owner is a team lead or senior manager: a supervisor (or administrator), in their own department unless one is given.
            var supervisor = await db.Users.AsNoTracking()
                .Where(u => u.Id == command.AssigneeId && u.IsActive)
                .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == StaffRoles.Supervisor || r.Name == StaffRoles.Administrator))))
                .Select(u => new { u.DepartmentId, u.DisplayName, u.Email })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw CaseWork.Invalid(nameof(Command.AssigneeId), "Choose an active supervisor: a case is escalated to a team lead or senior manager.");
            var departmentId = command.DepartmentId ?? supervisor.DepartmentId
                ?? throw CaseWork.Invalid(nameof(Command.DepartmentId), "That supervisor has no department: choose the department the case goes to.");
            var owner = await db.ReferralAsync(departmentId, command.AssigneeId, nameof(Command.DepartmentId), nameof(Command.AssigneeId), cancellationToken);
            complaint.Escalate(command.Reason!, owner, await db.OwnerAsync(complaint, cancellationToken), user.Actor, now);
            if (!string.IsNullOrWhiteSpace(supervisor.Email))
            {
                await outbox.QueueEscalationNoticeAsync(db, complaint, supervisor.DisplayName, supervisor.Email, command.Reason!.Trim(), user.Actor.DisplayName, clock, links.Value, cancellationToken);
            }

            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}
