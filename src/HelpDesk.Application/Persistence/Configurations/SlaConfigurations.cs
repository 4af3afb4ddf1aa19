using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Publishing;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class CalendarDefinitionConfiguration : IEntityTypeConfiguration<CalendarDefinition>
{
    public void Configure(EntityTypeBuilder<CalendarDefinition> builder)
    {
        builder.ToTable("business_calendars");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(CalendarDefinition.NameMaxLength).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.WeeklyHours).HasMaxLength(1000).IsRequired();
        builder.OwnsMany(c => c.Holidays, holiday =>
        {
            holiday.ToTable("calendar_holidays");
            holiday.WithOwner().HasForeignKey("CalendarId");
            holiday.HasKey("CalendarId", nameof(CalendarHoliday.Date));
            holiday.Property(h => h.Name).HasMaxLength(CalendarDefinition.HolidayNameMaxLength).IsRequired();
        });
        builder.Navigation(c => c.Holidays).HasField("_holidays").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

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

internal sealed class ConfigurationChangeConfiguration : IEntityTypeConfiguration<ConfigurationChange>
{
    public void Configure(EntityTypeBuilder<ConfigurationChange> builder)
    {
        builder.ToTable("configuration_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.ActorId).HasMaxLength(450);
        builder.Property(c => c.ActorName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Subject).HasMaxLength(300).IsRequired();
        builder.Property(c => c.Action).HasMaxLength(40).IsRequired();
        builder.Property(c => c.Before).HasMaxLength(ConfigurationChange.TextMaxLength);
        builder.Property(c => c.After).HasMaxLength(ConfigurationChange.TextMaxLength);
        builder.HasIndex(c => c.At);
    }
}

internal sealed class PolicyVersionConfiguration : IEntityTypeConfiguration<PolicyVersion>
{
    public void Configure(EntityTypeBuilder<PolicyVersion> builder)
    {
        builder.ToTable("policy_versions");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.Number).IsUnique();
        builder.Property(p => p.Title).HasMaxLength(PolicyVersion.TitleMaxLength).IsRequired();
        builder.Property(p => p.Body).HasMaxLength(PolicyVersion.BodyMaxLength).IsRequired();
        builder.Property(p => p.Owner).HasMaxLength(PolicyVersion.OwnerMaxLength).IsRequired();
        builder.Property(p => p.Changelog).HasMaxLength(PolicyVersion.ChangelogMaxLength).IsRequired();
        builder.Property(p => p.PublishedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(p => p.ReviewDueOn);
    }
}
