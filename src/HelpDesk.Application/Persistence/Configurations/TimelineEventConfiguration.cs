using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class TimelineEventConfiguration : IEntityTypeConfiguration<TimelineEvent>
{
    public void Configure(EntityTypeBuilder<TimelineEvent> builder)
    {
        builder.ToTable("timeline_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.ActorId).HasMaxLength(450);
        builder.Property(e => e.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Summary).HasMaxLength(TimelineEvent.TextMaxLength).IsRequired();
        builder.Property(e => e.OldValue).HasMaxLength(TimelineEvent.TextMaxLength);
        builder.Property(e => e.NewValue).HasMaxLength(TimelineEvent.TextMaxLength);
        builder.Property(e => e.DepartmentName).HasMaxLength(Department.NameMaxLength);
        builder.Property(e => e.AssigneeName).HasMaxLength(200);
        builder.HasIndex(e => new { e.ComplaintId, e.OccurredAt });
    }
}
