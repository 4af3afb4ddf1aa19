using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Identity;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ToTable("complaints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Reference).HasMaxLength(ReferenceNumber.MaxLength).IsRequired();
        builder.HasIndex(c => c.Reference).IsUnique();
        builder.Property(c => c.FollowsReference).HasMaxLength(ReferenceNumber.MaxLength);
        builder.Property(c => c.Subject).HasMaxLength(Complaint.SubjectMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(Complaint.DescriptionMaxLength).IsRequired();
        builder.Property(c => c.LoggedById).HasMaxLength(450);
        builder.HasOne<ComplaintType>().WithMany().HasForeignKey(c => c.ComplaintTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.ReceivedAt);
        builder.Ignore(c => c.IsOpen);
        // Optimistic concurrency on PostgreSQL's xmin: a shadow property, so the domain knows nothing of it.
        builder.Property<uint>(CaseWork.VersionProperty).IsRowVersion();
        builder.HasOne<Department>().WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.AssigneeId).HasMaxLength(450);
        builder.Property(c => c.ResolutionAnalysis).HasMaxLength(Complaint.NoteMaxLength);
        builder.Property(c => c.ResolutionResponse).HasMaxLength(Complaint.NoteMaxLength);
        builder.Property(c => c.FollowUpComments).HasMaxLength(Complaint.NoteMaxLength);

        builder.OwnsOne(c => c.Customer, customer =>
        {
            customer.Property(p => p.Name).HasColumnName("customer_name").HasMaxLength(200).IsRequired();
            customer.Property(p => p.Email).HasColumnName("customer_email").HasMaxLength(254);
            customer.Property(p => p.Phone).HasColumnName("customer_phone").HasMaxLength(40);
            customer.Property(p => p.PostalAddress).HasColumnName("customer_postal_address").HasMaxLength(500);
        });
        builder.Navigation(c => c.Customer).IsRequired();

        // The deadlines with their whole history (pauses, extensions, recomputations) as one JSON document;
        // the deadlines in force are also plain indexed columns for the dashboard and the queues.
        builder.OwnsOne(c => c.Deadlines, deadlines =>
        {
            deadlines.ToJson("deadlines");
            deadlines.Ignore(d => d.Clocks);
            MapTarget(deadlines, nameof(CaseDeadlines.AcknowledgeTarget));
            MapTarget(deadlines, nameof(CaseDeadlines.ResolveTarget));
            MapTarget(deadlines, nameof(CaseDeadlines.FollowUpTarget));
            deadlines.OwnsOne(d => d.Acknowledgement, MapClock);
            deadlines.OwnsOne(d => d.Resolution, MapClock);
            deadlines.OwnsOne(d => d.FollowUp, MapClock);
        });
        builder.Navigation(c => c.Deadlines).IsRequired();
        builder.HasIndex(c => c.NextDueAt).HasFilter("next_due_at IS NOT NULL");
        ConfigureQueuesAndSearch(builder);
        ConfigureSweep(builder);
        ConfigureKpis(builder);

        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
        // A follow-up rates the latest resolution, so a case is always read with its (one or two) resolutions.
        builder.HasMany(c => c.Resolutions).WithOne().HasForeignKey(r => r.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Resolutions).HasField("_resolutions").UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }

    /// <summary>
    /// The queues page by (next_due_at, id) without OFFSET, so each queue has an index in that order over
    /// the cases still being worked (closed ones, the bulk of a mature database, are left out of them).
    /// Search reads one stored tsvector with a GIN index; the reference and the subject weigh more than
    /// the description. The email's expression index is in the CaseSearch migration.
    /// </summary>
    private static void ConfigureQueuesAndSearch(EntityTypeBuilder<Complaint> builder)
    {
        const string open = "status <> 'Closed'";

        // The queue indexes are partial, so the foreign keys keep full indexes of their own.
        builder.HasIndex(c => c.AssigneeId);
        builder.HasIndex(c => c.DepartmentId);
        builder.HasIndex(c => new { c.NextDueAt, c.Id }, "ix_complaints_queue_all").HasDatabaseName("ix_complaints_queue_all").HasFilter(open);
        builder.HasIndex(c => new { c.AssigneeId, c.NextDueAt, c.Id }, "ix_complaints_queue_assignee").HasDatabaseName("ix_complaints_queue_assignee").HasFilter(open);
        builder.HasIndex(c => new { c.DepartmentId, c.NextDueAt, c.Id }, "ix_complaints_queue_department").HasDatabaseName("ix_complaints_queue_department").HasFilter(open);
        builder.HasIndex(c => new { c.NextDueAt, c.Id }, "ix_complaints_queue_unassigned").HasDatabaseName("ix_complaints_queue_unassigned").HasFilter(open + " AND assignee_id IS NULL");
        builder.HasIndex(c => new { c.NextDueAt, c.Id }, "ix_complaints_queue_escalated").HasDatabaseName("ix_complaints_queue_escalated").HasFilter(open + " AND escalation_tier > 1");

        builder.Property<NpgsqlTsVector>(SearchVector)
            .HasColumnName("search_vector")
            .HasComputedColumnSql(
                // Hyphens become spaces first: the default parser reads "-2026" in HD-2026-000001-K as a negative number.
                "setweight(to_tsvector('simple'::regconfig, translate(reference, '-', ' ')), 'A') || "
                + "setweight(to_tsvector('simple'::regconfig, coalesce(customer_name, '') || ' ' || coalesce(customer_email, '') || ' ' || coalesce(customer_phone, '')), 'A') || "
                + "setweight(to_tsvector('simple'::regconfig, subject), 'B') || "
                + "setweight(to_tsvector('simple'::regconfig, description), 'C')",
                stored: true);
        builder.HasIndex([SearchVector], "ix_complaints_search_vector").HasDatabaseName("ix_complaints_search_vector").HasMethod("gin");

        // A phone number typed with or without spaces and punctuation matches on its digits.
        builder.Property<string>(PhoneDigits)
            .HasColumnName("customer_phone_digits")
            .HasComputedColumnSql("regexp_replace(customer_phone, '[^0-9]', '', 'g')", stored: true);
        builder.HasIndex([PhoneDigits], "ix_complaints_customer_phone_digits").HasDatabaseName("ix_complaints_customer_phone_digits");
    }

    /// <summary>
    /// The deadline sweeper's work lists: per deadline, the running clocks of cases not closed that are
    /// not yet marked breached, in due order. Each partial index holds only cases still in play, so a
    /// sweep over millions of cases reads the few rows that are due (or due soon) and nothing else.
    /// </summary>
    private static void ConfigureSweep(EntityTypeBuilder<Complaint> builder)
    {
        const string notClosed = "status <> 'Closed'";
        builder.HasIndex(c => new { c.AcknowledgeDue, c.Id }, "ix_complaints_sweep_acknowledgement").HasDatabaseName("ix_complaints_sweep_acknowledgement")
            .HasFilter(notClosed + " AND acknowledged_at IS NULL AND acknowledgement_breached_at IS NULL");
        builder.HasIndex(c => new { c.ResolveDue, c.Id }, "ix_complaints_sweep_resolution").HasDatabaseName("ix_complaints_sweep_resolution")
            .HasFilter(notClosed + " AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL");
        builder.HasIndex(c => new { c.FollowUpDue, c.Id }, "ix_complaints_sweep_follow_up").HasDatabaseName("ix_complaints_sweep_follow_up")
            .HasFilter(notClosed + " AND follow_up_due IS NOT NULL AND followed_up_at IS NULL AND follow_up_breached_at IS NULL");
    }

    /// <summary>
    /// What both KPI indexes include after the department: the filters (channel, type) and what decides
    /// whether a deadline was met. The order is the indexes' own, so changing it is a migration.
    /// </summary>
    private static readonly string[] OnTimeColumns =
    [
        nameof(Complaint.Channel),
        nameof(Complaint.ComplaintTypeId),
        nameof(Complaint.AcknowledgeDue),
        nameof(Complaint.AcknowledgedAt),
        nameof(Complaint.ResolveDue),
        nameof(Complaint.ResolvedAt),
        nameof(Complaint.ResolutionPaused),
    ];

    /// <summary>
    /// The KPIs read a period's cases (a quarter is about an eighth of a million-case table) with an
    /// index-only scan: received_at is the key and every column the figures need is included, so the
    /// wide rows (descriptions, the deadlines document) are never fetched. The agent page reads the
    /// cases resolved in a period the same way.
    /// </summary>
    private static void ConfigureKpis(EntityTypeBuilder<Complaint> builder)
    {
        builder.HasIndex(c => c.ReceivedAt, "ix_complaints_kpis").HasDatabaseName("ix_complaints_kpis")
            .IncludeProperties(
            [
                nameof(Complaint.DepartmentId),
                nameof(Complaint.Kind),
                .. OnTimeColumns,
                nameof(Complaint.ResolvedAtFirstContact),
                nameof(Complaint.ReopenCount),
                nameof(Complaint.Satisfaction),
                nameof(Complaint.AcknowledgedInBusinessMinutes),
                nameof(Complaint.ResolvedInBusinessMinutes),
                nameof(Complaint.Id),
            ]);
        // The part of a KPI that the clock decides: a deadline not yet met counts once its due time has
        // passed, so the KPI totals (kpi_daily_totals) cannot hold it. The cases still awaiting an
        // acknowledgement or a resolution are a small share of any period, read from this index alone.
        builder.HasIndex(c => c.ReceivedAt, "ix_complaints_kpi_undecided").HasDatabaseName("ix_complaints_kpi_undecided")
            .HasFilter("acknowledged_at IS NULL OR resolved_at IS NULL")
            .IncludeProperties([nameof(Complaint.DepartmentId), .. OnTimeColumns]);
        builder.HasIndex(c => c.ResolvedAt, "ix_complaints_resolved_at").HasDatabaseName("ix_complaints_resolved_at")
            .HasFilter("resolved_at IS NOT NULL")
            .IncludeProperties(c => new { c.AssigneeId, c.DepartmentId, c.ResolveDue, c.ResolvedAtFirstContact, c.Satisfaction, c.Id });

        // The dashboard's overdue panel counts every overdue case by department, type and assignee: the
        // cases still being worked, in deadline order, with those three columns, answer from the index alone.
        builder.HasIndex(c => new { c.NextDueAt, c.Id }, "ix_complaints_overdue").HasDatabaseName("ix_complaints_overdue")
            .HasFilter("status <> 'Closed'")
            .IncludeProperties(c => new { c.DepartmentId, c.ComplaintTypeId, c.AssigneeId });
    }

    /// <summary>The shadow property holding the case's words for full-text search.</summary>
    public const string SearchVector = "SearchVector";

    /// <summary>The shadow property holding the digits of the customer's phone number.</summary>
    public const string PhoneDigits = "CustomerPhoneDigits";

    private static void MapTarget<T>(OwnedNavigationBuilder<T, CaseDeadlines> builder, string property)
        where T : class =>
        builder.Property<SlaTarget>(property).HasConversion<SlaTargetConverter>();

    private static void MapClock(OwnedNavigationBuilder<CaseDeadlines, CaseDeadline> clock)
    {
        clock.Ignore(c => c.IsOpen);
        clock.Ignore(c => c.IsPaused);
        clock.Ignore(c => c.CustomerExpectsBy);
        clock.Property(c => c.Target).HasConversion<SlaTargetConverter>();
        clock.OwnsMany(c => c.Pauses);
        clock.OwnsMany(c => c.Extensions);
        clock.OwnsMany(c => c.Recomputations, r => r.Property(x => x.PreviousTarget).HasConversion<SlaTargetConverter>());
        clock.Navigation(c => c.Pauses).HasField("_pauses").UsePropertyAccessMode(PropertyAccessMode.Field);
        clock.Navigation(c => c.Extensions).HasField("_extensions").UsePropertyAccessMode(PropertyAccessMode.Field);
        clock.Navigation(c => c.Recomputations).HasField("_recomputations").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
