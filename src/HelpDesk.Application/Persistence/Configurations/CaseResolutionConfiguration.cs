using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

/// <summary>
/// A case's resolutions (<c>case_resolutions</c>), the source of agent performance: triggers keep
/// <c>kpi_daily_resolutions</c> from them (Persistence/Sql/KpiFunctions.sql, docs/kpis.md).
/// </summary>
internal sealed class CaseResolutionConfiguration : IEntityTypeConfiguration<CaseResolution>
{
    public void Configure(EntityTypeBuilder<CaseResolution> builder)
    {
        builder.ToTable("case_resolutions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.ResolvedById).HasMaxLength(450);
        // Like the timeline's actor, not a foreign key: the record stays whatever becomes of the account.
        builder.HasOne<Department>().WithMany().HasForeignKey(r => r.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ComplaintId);
        // Agent performance before the totals are built, and its part days at either end of a period.
        builder.HasIndex(r => r.ResolvedAt);
    }
}
