using HelpDesk.Domain.Messages;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("message_templates");
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(MessageTemplate.KeyMaxLength);
        builder.Property(t => t.Subject).HasMaxLength(MessageTemplate.SubjectMaxLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(MessageTemplate.BodyMaxLength).IsRequired();
        builder.Property(t => t.UpdatedBy).HasMaxLength(200);
        builder.Ignore(t => t.Definition);
    }
}
