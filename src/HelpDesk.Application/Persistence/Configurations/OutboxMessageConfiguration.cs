using HelpDesk.Domain.Messages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.MessageId).HasMaxLength(200).IsRequired();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.TemplateKey).HasMaxLength(MessageTemplate.KeyMaxLength).IsRequired();
        builder.Property(m => m.RecipientAddress).HasMaxLength(OutboxMessage.AddressMaxLength).IsRequired();
        builder.Property(m => m.RecipientName).HasMaxLength(OutboxMessage.NameMaxLength);
        builder.Property(m => m.Subject).HasMaxLength(1_000).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.HtmlBody).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.InReplyTo).HasMaxLength(OutboxMessage.ThreadingMaxLength);
        builder.Property(m => m.References).HasMaxLength(OutboxMessage.ThreadingMaxLength);
        builder.Property(m => m.ReplyTo).HasMaxLength(OutboxMessage.ThreadingMaxLength);
        builder.Property(m => m.BounceReason).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(m => m.ClaimToken).IsConcurrencyToken();
        builder.HasOne<Complaint>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => m.CaseId);
        // The workers' query: due Pending messages, oldest first. Sent ones (nearly all rows) stay out of it.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_outbox_messages_due");
        builder.HasIndex(m => new { m.Status, m.CreatedAt });
        builder.HasIndex(m => m.CreatedAt);
        builder.HasMany(m => m.DeliveryAttempts).WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(m => m.DeliveryAttempts).HasField("_deliveryAttempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
