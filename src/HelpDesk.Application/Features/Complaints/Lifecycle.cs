using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>The lifecycle's steps that need nothing but the case: each a command, its validator and its handler.</summary>
public static class WaitOnCustomer
{
    public sealed record Command(string Reference, string? WhatIsNeeded) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.WhatIsNeeded).NotEmpty().WithMessage("Say what is needed from the customer.").MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.WaitOnCustomer, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.WaitOnCustomer(command.WhatIsNeeded!, user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

public static class ResumeCase
{
    public sealed record Command(string Reference) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).MustBeAReference();
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Resume, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.Resume(await sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken), user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

public static class ReferCase
{
    public sealed record Command(string Reference, int? DepartmentId, string? AssigneeId, string? Reason) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.DepartmentId).NotNull().WithMessage("Choose the department the case goes to.");
            RuleFor(c => c.Reason).MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Refer, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            var referral = await db.ReferralAsync(command.DepartmentId!.Value, command.AssigneeId, nameof(Command.DepartmentId), nameof(Command.AssigneeId), cancellationToken);
            complaint.ReferTo(referral, command.Reason, await db.OwnerAsync(complaint, cancellationToken), user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

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

public static class ResolveCase
{
    public sealed record Command(string Reference, ResolutionOutcome? Outcome, string? Analysis, string? Response, CommunicationMethod? CommunicatedBy) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Outcome).NotNull().WithMessage("Say whether the case is resolved or cannot be accommodated.").IsInEnum();
            RuleFor(c => c.Analysis).NotEmpty().WithMessage("Give the analysis of the issue.").MaximumLength(Complaint.NoteMaxLength);
            RuleFor(c => c.Response).NotEmpty().WithMessage("Give the proposed resolution, or the clear reasons it cannot be accommodated.").MaximumLength(Complaint.NoteMaxLength);
            RuleFor(c => c.CommunicatedBy).NotNull().WithMessage("Say how the response was given to the customer.").IsInEnum();
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MessageOutbox outbox, SurveyInvitation survey, SlaPolicy sla, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Resolve, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            var email = command.CommunicatedBy == CommunicationMethod.Email ? CaseMessages.EmailFor(complaint, nameof(Command.CommunicatedBy), "response") : null;
            complaint.Resolve(
                new ResolutionDetails(command.Outcome!.Value, command.Analysis!, command.Response!, command.CommunicatedBy!.Value),
                await sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken),
                user.Actor,
                now);
            if (email is not null)
            {
                var values = CaseMessages.CaseValues(complaint, await db.CurrentReferralAsync(complaint, cancellationToken), clock);
                values[Placeholders.Resolution] = complaint.ResolutionResponse;
                await outbox.QueueToCustomerAsync(db, complaint, email, TemplateKeys.Resolution, values, "Response", user.Actor, now, cancellationToken);
            }

            // However the response was given, a customer with an email address is asked how we did.
            await survey.InviteAsync(db, complaint, user.Actor, now, cancellationToken);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

public static class RecordFollowUp
{
    public sealed record Command(string Reference, bool ContactMade, int? Satisfaction, string? Comments) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Satisfaction).NotNull().WithMessage("Record the customer's satisfaction from 1 to 5.").InclusiveBetween(1, 5).When(c => c.ContactMade);
            RuleFor(c => c.Satisfaction).Null().WithMessage("Satisfaction is recorded only when the customer was reached.").When(c => !c.ContactMade);
            RuleFor(c => c.Comments).MaximumLength(Complaint.NoteMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.FollowUp, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.RecordFollowUp(command.ContactMade, command.Satisfaction, command.Comments, user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

public static class CloseCase
{
    public sealed record Command(string Reference) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).MustBeAReference();
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Close, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.Close(user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

public static class ReopenCase
{
    public sealed record Command(string Reference, string? Reason) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the case is reopened.").MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Reopen, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.Reopen(command.Reason!, await sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken), user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

public static class AddCaseNote
{
    public sealed record Command(string Reference, string? Text, bool VisibleToCustomer) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Text).NotEmpty().WithMessage("Write the note.").MaximumLength(Complaint.NoteMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, command.VisibleToCustomer ? CaseAction.AddCustomerUpdate : CaseAction.AddInternalNote, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            if (command.VisibleToCustomer)
            {
                complaint.AddCustomerUpdate(command.Text!, user.Actor, now);
            }
            else
            {
                complaint.AddInternalNote(command.Text!, user.Actor, now);
            }

            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}
