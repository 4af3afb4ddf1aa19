using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class ComplaintTypeConfiguration : IEntityTypeConfiguration<ComplaintType>
{
    public void Configure(EntityTypeBuilder<ComplaintType> builder)
    {
        builder.ToTable("complaint_types");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(ComplaintType.NameMaxLength).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasOne<Department>().WithMany().HasForeignKey(t => t.DefaultDepartmentId).OnDelete(DeleteBehavior.SetNull);
    }
}
