using HelpDesk.Domain.Reporting;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class KpiTargetConfiguration : IEntityTypeConfiguration<KpiTarget>
{
    public void Configure(EntityTypeBuilder<KpiTarget> builder)
    {
        builder.ToTable("kpi_targets");

        // One target per measure: the measure is the key.
        builder.HasKey(t => t.Measure);
        builder.Property(t => t.Target).HasPrecision(6, 1);
        builder.Ignore(t => t.Direction);
    }
}
