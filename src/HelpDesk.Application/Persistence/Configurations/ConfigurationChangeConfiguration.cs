using HelpDesk.Domain.Administration;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

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
