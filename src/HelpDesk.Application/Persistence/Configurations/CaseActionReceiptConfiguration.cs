using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class CaseActionReceiptConfiguration : IEntityTypeConfiguration<CaseActionReceipt>
{
    public void Configure(EntityTypeBuilder<CaseActionReceipt> builder)
    {
        builder.ToTable("case_action_receipts");
        builder.HasKey(r => r.ActionId);
        builder.Property(r => r.ActionId).ValueGeneratedNever();
        builder.HasOne<Complaint>().WithMany().HasForeignKey(r => r.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ComplaintId);
    }
}
