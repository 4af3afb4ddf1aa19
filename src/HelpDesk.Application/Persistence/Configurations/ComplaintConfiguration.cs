using HelpDesk.Domain.Cases;
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

        builder.OwnsOne(c => c.Customer, customer =>
        {
            customer.Property(p => p.Name).HasColumnName("customer_name").HasMaxLength(200).IsRequired();
            customer.Property(p => p.Email).HasColumnName("customer_email").HasMaxLength(254);
            customer.Property(p => p.Phone).HasColumnName("customer_phone").HasMaxLength(40);
            customer.Property(p => p.PostalAddress).HasColumnName("customer_postal_address").HasMaxLength(500);
        });
        builder.Navigation(c => c.Customer).IsRequired();

        builder.HasMany(c => c.Timeline).WithOne().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
