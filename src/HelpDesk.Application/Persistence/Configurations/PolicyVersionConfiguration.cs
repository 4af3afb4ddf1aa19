using HelpDesk.Domain.Publishing;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

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
