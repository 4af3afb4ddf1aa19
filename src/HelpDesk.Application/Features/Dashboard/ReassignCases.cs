using HelpDesk.Application.Features.Complaints;
using HelpDesk.Domain;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// Bulk reassign from the dashboard: each selected case is referred to the new department (and person)
/// by the same domain step as the case page's "Refer", so each gets its own timeline entry and is saved
/// on its own against its row version. A case that cannot move (closed or resolved meanwhile, already
/// with that owner, changed by someone else while it was being saved) is skipped with the reason, and
/// the others still move.
/// </summary>
public static class ReassignCases
{
    /// <summary>More than a screenful at once is more likely a mistake than a plan.</summary>
    public const int MaximumCases = 200;

    public sealed record Command(IReadOnlyList<long> CaseIds, int? DepartmentId, string? AssigneeId, string? Reason) : ICommand<Summary>, ISupervisorRequest;

    public sealed record Skipped(string Reference, string Why);

    /// <param name="Owner">Who the cases went to, in words: "Bea Biller (Billing)".</param>
    public sealed record Summary(IReadOnlyList<string> Reassigned, string Owner, IReadOnlyList<Skipped> Skips)
    {
        /// <summary>"12 cases reassigned to Billing; 1 skipped: HD-2026-000003-C (a closed case cannot be referred; reopen it first)."</summary>
        public string Describe()
        {
            var moved = Reassigned.Count == 1 ? $"1 case reassigned to {Owner}" : $"{Reassigned.Count} cases reassigned to {Owner}";
            return Skips.Count == 0
                ? moved + "."
                : $"{moved}; {Skips.Count} skipped: {string.Join("; ", Skips.Select(s => $"{s.Reference} ({s.Why})"))}.";
        }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CaseIds).NotEmpty().WithMessage("Tick the cases to reassign.")
                .Must(ids => ids is null || ids.Count <= MaximumCases).WithMessage($"Reassign at most {MaximumCases} cases at once.");
            RuleFor(c => c.DepartmentId).NotNull().WithMessage("Choose the department the cases go to.");
            RuleFor(c => c.Reason).MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command, Summary>
    {
        public async ValueTask<Summary> Handle(Command command, CancellationToken cancellationToken)
        {
            var referral = await db.ReferralAsync(command.DepartmentId!.Value, command.AssigneeId, nameof(Command.DepartmentId), nameof(Command.AssigneeId), cancellationToken);
            var ids = command.CaseIds.Distinct().ToList();
            var references = await db.Complaints.AsNoTracking().Where(c => ids.Contains(c.Id))
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.Reference }).ToListAsync(cancellationToken);
            if (references.Count == 0)
            {
                throw CaseWork.Invalid(nameof(Command.CaseIds), "None of the ticked cases exists any more.");
            }

            var reassigned = new List<string>();
            var skipped = new List<Skipped>();
            foreach (var c in references)
            {
                db.ChangeTracker.Clear();
                var complaint = await db.FindCaseAsync(c.Reference, cancellationToken);
                var now = clock.UtcNow;
                try
                {
                    complaint.ReferTo(referral, command.Reason, await db.OwnerAsync(complaint, cancellationToken), user.Actor, now);
                    await db.SaveCaseAsync(complaint, new Reassignment(), now, cancellationToken);
                    reassigned.Add(complaint.Reference);
                }
                catch (DomainRuleException refused)
                {
                    skipped.Add(new Skipped(c.Reference, Lower(refused.Message)));
                }
                catch (CaseChangedException)
                {
                    skipped.Add(new Skipped(c.Reference, "changed by someone else meanwhile; open it to check"));
                }
            }

            skipped.AddRange(ids.Where(id => references.All(r => r.Id != id)).Select(id => new Skipped($"case {id}", "no longer exists")));
            return new Summary(reassigned, referral.Describe(), skipped);
        }

        private static string Lower(string message) =>
            (message.Length > 1 ? char.ToLowerInvariant(message[0]) + message[1..] : message).TrimEnd('.');
    }

    /// <summary>Each case is saved with the row version it was read at; no form token, since the summary page is the receipt.</summary>
    private sealed record Reassignment : CaseCommand;
}
