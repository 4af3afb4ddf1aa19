using FluentValidation.Results;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>What every lifecycle step needs: the case by its reference, and who it is referred to, checked against the database.</summary>
internal static class CaseWork
{
    /// <summary>The case's row version: PostgreSQL's xmin, changed by every update of the row.</summary>
    public const string VersionProperty = "Version";

    /// <summary>The primary key of <c>case_action_receipts</c>: a violation means this form's step is already stored.</summary>
    private const string ReceiptKey = "pk_case_action_receipts";

    /// <summary>
    /// The case for a step sent from a form: refused when the form's token was used already (nothing to
    /// do again) or when the case changed since the form was drawn (the version it carries is stale),
    /// and refused when the step is not the sender's to take.
    /// </summary>
    public static async Task<Complaint> FindCaseForAsync(this HelpDeskDbContext db, string reference, CaseCommand command, CaseAction? action, CaseWorker worker, CancellationToken cancellationToken)
    {
        if (command.ActionId is { } actionId && await db.CaseActionReceipts.AnyAsync(r => r.ActionId == actionId, cancellationToken))
        {
            throw new ActionAlreadyRecordedException(reference);
        }

        var complaint = await db.FindCaseAsync(reference, cancellationToken);
        var version = db.Entry(complaint).Property<uint>(VersionProperty);
        if (command.Version is { } expected)
        {
            if (expected != version.CurrentValue)
            {
                // The change may be this very form's first post, committed since the check above.
                throw await ReceiptExistsAsync(db, command, cancellationToken) ? new ActionAlreadyRecordedException(complaint.Reference) : new CaseChangedException(complaint.Reference);
            }

            version.OriginalValue = expected;
        }

        // A case outside the worker's care is refused whatever the step; a step the state does not allow is
        // left to the domain, which says why; one the role does not allow is refused here.
        if (!complaint.IsInTheCareOf(worker))
        {
            throw new CaseActionNotPermittedException(complaint.Reference, action?.ToString() ?? "change");
        }

        if (action is { } step && complaint.StateAllows(step) && !complaint.RoleAllows(step, worker))
        {
            throw new CaseActionNotPermittedException(complaint.Reference, step.ToString());
        }

        return complaint;
    }

    /// <summary>
    /// Saves the step with its form's token, as one update of the case row checked against its version.
    /// The row is updated even when only timeline rows were added, so that every step moves xmin and a
    /// note written on a stale page is caught like any other change.
    /// </summary>
    public static async Task SaveCaseAsync(this HelpDeskDbContext db, Complaint complaint, CaseCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = db.Entry(complaint);
        if (entry.State == EntityState.Unchanged)
        {
            entry.Property(c => c.Status).IsModified = true;
        }

        if (command.ActionId is { } actionId)
        {
            db.CaseActionReceipts.Add(new CaseActionReceipt { ActionId = actionId, ComplaintId = complaint.Id, RecordedAt = now });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two posts of the same form racing: the one that lost finds the winner's receipt.
            throw await ReceiptExistsAsync(db, command, cancellationToken) ? new ActionAlreadyRecordedException(complaint.Reference) : new CaseChangedException(complaint.Reference);
        }
        catch (DbUpdateException duplicate) when (duplicate.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: ReceiptKey })
        {
            throw new ActionAlreadyRecordedException(complaint.Reference);
        }
    }

    private static async Task<bool> ReceiptExistsAsync(HelpDeskDbContext db, CaseCommand command, CancellationToken cancellationToken)
    {
        if (command.ActionId is not { } actionId)
        {
            return false;
        }

        // Called only on the way to refusing the step: whatever this context tracks (a failed save, a stale case) is discarded.
        db.ChangeTracker.Clear();
        return await db.CaseActionReceipts.AnyAsync(r => r.ActionId == actionId, cancellationToken);
    }

    public static async Task<Complaint> FindCaseAsync(this HelpDeskDbContext db, string reference, CancellationToken cancellationToken)
    {
        var reading = ReferenceNumber.Read(reference);
        if (!reading.IsValid)
        {
            throw new CaseNotFoundException(reference);
        }

        var canonical = reading.Reference!.Value.ToString();
        return await db.Complaints.SingleOrDefaultAsync(c => c.Reference == canonical, cancellationToken)
            ?? throw new CaseNotFoundException(canonical);
    }

    /// <summary>
    /// The department and (optionally) person a case goes to. Ids posted in a form are never trusted:
    /// the department must exist and the person must be active staff of that department.
    /// </summary>
    public static async Task<Referral> ReferralAsync(this HelpDeskDbContext db, int departmentId, string? assigneeId, string departmentField, string assigneeField, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw Invalid(departmentField, "Choose one of the listed departments.");
        if (string.IsNullOrEmpty(assigneeId))
        {
            return new Referral(departmentId, department, null, null);
        }

        var assignee = await db.Users.AsNoTracking()
            .Where(u => u.Id == assigneeId && u.IsActive && u.DepartmentId == departmentId)
            .Select(u => u.DisplayName)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw Invalid(assigneeField, "Choose an active member of staff in that department.");
        return new Referral(departmentId, department, assigneeId, assignee);
    }

    /// <summary>Who has the case now, in words, for the timeline's "from" value.</summary>
    public static async Task<string> OwnerAsync(this HelpDeskDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        var department = complaint.DepartmentId is { } id
            ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var assignee = complaint.AssigneeId is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return (department, assignee) switch
        {
            (null, null) => "Unassigned",
            (null, { } a) => a,
            ({ } d, null) => d,
            ({ } d, { } a) => $"{a} ({d})",
        };
    }

    public static ValidationException Invalid(string property, string message) => new([new ValidationFailure(property, message)]);

    public static IRuleBuilderOptions<T, string> MustBeAReference<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(r => ReferenceNumber.Read(r).IsValid).WithMessage("That is not a case's reference number.");
}
