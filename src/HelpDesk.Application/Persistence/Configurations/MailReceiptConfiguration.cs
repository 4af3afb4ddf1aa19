using HelpDesk.Domain.Conversations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class MailReceiptConfiguration : IEntityTypeConfiguration<MailReceipt>
{
    public void Configure(EntityTypeBuilder<MailReceipt> builder)
    {
        builder.ToTable("mail_receipts");
        // The key is the exactly-once rule: a second reader of the same message cannot commit its effect.
        builder.HasKey(r => new { r.MailboxId, r.MessageKey }).HasName(MailReceiptKey);
        builder.Property(r => r.MessageKey).HasMaxLength(MailReceipt.KeyMaxLength);
        builder.Property(r => r.Note).HasMaxLength(MailReceipt.NoteMaxLength);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(r => r.MailboxId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Complaint>().WithMany().HasForeignKey(r => r.ComplaintId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => r.ComplaintId);
        builder.HasIndex(r => new { r.MailboxId, r.HandledAt });
    }

    public const string MailReceiptKey = "pk_mail_receipts";
}
