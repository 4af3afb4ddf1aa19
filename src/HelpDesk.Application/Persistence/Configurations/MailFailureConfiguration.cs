using HelpDesk.Domain.Conversations;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class MailFailureConfiguration : IEntityTypeConfiguration<MailFailure>
{
    public void Configure(EntityTypeBuilder<MailFailure> builder)
    {
        builder.ToTable("mail_failures");
        builder.HasKey(f => new { f.MailboxId, f.MessageKey });
        builder.Property(f => f.MessageKey).HasMaxLength(MailReceipt.KeyMaxLength);
        builder.Property(f => f.Subject).HasMaxLength(MailReceipt.NoteMaxLength);
        builder.Property(f => f.Sender).HasMaxLength(MailReceipt.NoteMaxLength);
        builder.Property(f => f.Error).HasMaxLength(MailReceipt.NoteMaxLength).IsRequired();
        builder.Ignore(f => f.ShouldSetAside);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(f => f.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}
