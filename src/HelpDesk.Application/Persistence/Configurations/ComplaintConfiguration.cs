using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Identity;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Staff;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

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

        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
    }

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
