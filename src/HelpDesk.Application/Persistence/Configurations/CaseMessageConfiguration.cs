using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class CaseMessageConfiguration : IEntityTypeConfiguration<CaseMessage>
{
    public void Configure(EntityTypeBuilder<CaseMessage> builder)
    {
        builder.ToTable("case_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.FromAddress).HasMaxLength(CaseMessage.AddressMaxLength);
        builder.Property(m => m.FromName).HasMaxLength(CaseMessage.NameMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(CaseMessage.SubjectMaxLength).IsRequired();
        builder.Property(m => m.Text).HasMaxLength(CaseMessage.TextMaxLength).IsRequired();
        builder.Property(m => m.FullText).HasMaxLength(CaseMessage.TextMaxLength).IsRequired();
        builder.Property(m => m.EmailMessageId).HasMaxLength(CaseMessage.MessageIdMaxLength);
        builder.Property(m => m.References).HasMaxLength(CaseMessage.MessageIdMaxLength * 4);
        builder.Property(m => m.Refused).HasMaxLength(MailReceipt.NoteMaxLength);
        builder.Ignore(m => m.VisibleToCustomer);
        builder.HasOne<Complaint>().WithMany().HasForeignKey(m => m.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(m => m.MailboxId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<OutboxMessage>().WithMany().HasForeignKey(m => m.OutboxMessageId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => new { m.ComplaintId, m.At });
        // The first threading rule looks up In-Reply-To and References ids here (and in the outbox).
        builder.HasIndex(m => m.EmailMessageId);
        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.CaseMessageId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.Attachments).HasField("_attachments").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
