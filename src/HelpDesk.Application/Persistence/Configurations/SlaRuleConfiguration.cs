using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class SlaRuleConfiguration : IEntityTypeConfiguration<SlaRule>
{
    public void Configure(EntityTypeBuilder<SlaRule> builder)
    {
        builder.ToTable("sla_rules");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.IsDefault);
        builder.HasOne<ComplaintType>().WithMany().HasForeignKey(r => r.ComplaintTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CalendarDefinition>().WithMany().HasForeignKey(r => r.CalendarId).OnDelete(DeleteBehavior.Restrict);
        foreach (var target in new[] { nameof(SlaRule.Acknowledge), nameof(SlaRule.Resolve), nameof(SlaRule.FollowUp) })
        {
            builder.Property<SlaTarget>(target).HasConversion<SlaTargetConverter>().HasMaxLength(SlaTargetConverter.MaxLength).IsRequired();
        }

        // One live row per type and priority ("any" included: the nulls count as equal).
        builder.HasIndex(r => new { r.ComplaintTypeId, r.Priority }).IsUnique().AreNullsDistinct(false).HasFilter("NOT is_retired");
    }
}
