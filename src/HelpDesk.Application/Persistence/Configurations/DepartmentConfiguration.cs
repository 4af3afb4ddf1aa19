using HelpDesk.Application.Identity;
using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("departments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(Department.NameMaxLength).IsRequired();
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.SupervisorId).HasMaxLength(450);
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(d => d.SupervisorId).OnDelete(DeleteBehavior.SetNull);
    }
}
