using HelpDesk.Domain.Messages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> builder)
    {
        builder.ToTable("delivery_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Error).HasMaxLength(OutboxMessage.ErrorMaxLength);
        builder.Property(a => a.Worker).HasMaxLength(200);
        builder.HasIndex(a => new { a.OutboxMessageId, a.AttemptedAt });
    }
}
