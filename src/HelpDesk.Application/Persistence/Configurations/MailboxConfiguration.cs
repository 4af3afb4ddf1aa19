using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class MailboxConfiguration : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> builder)
    {
        builder.ToTable("mailboxes");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).UseIdentityAlwaysColumn();
        builder.Property(m => m.Name).HasMaxLength(Mailbox.NameMaxLength).IsRequired();
        builder.HasIndex(m => m.Name).IsUnique();
        builder.Property(m => m.Host).HasMaxLength(Mailbox.HostMaxLength).IsRequired();
        builder.Property(m => m.UserName).HasMaxLength(Mailbox.UserNameMaxLength).IsRequired();
        builder.Property(m => m.ProtectedPassword).IsRequired();
        builder.Property(m => m.Folder).HasMaxLength(Mailbox.FolderMaxLength).IsRequired();
        builder.Property(m => m.ReplyAddress).HasMaxLength(Mailbox.UserNameMaxLength).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(Mailbox.ErrorMaxLength);
        builder.Ignore(m => m.Server);
        builder.HasOne<Department>().WithMany().HasForeignKey(m => m.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<HelpDesk.Domain.Cases.ComplaintType>().WithMany().HasForeignKey(m => m.ComplaintTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}
