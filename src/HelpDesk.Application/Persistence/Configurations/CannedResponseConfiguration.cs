using HelpDesk.Domain.Responses;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class CannedResponseConfiguration : IEntityTypeConfiguration<CannedResponse>
{
    public void Configure(EntityTypeBuilder<CannedResponse> builder)
    {
        builder.ToTable("canned_responses");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(CannedResponse.NameMaxLength).IsRequired();
        builder.Property(r => r.Body).HasMaxLength(CannedResponse.BodyMaxLength).IsRequired();
        builder.Property(r => r.UpdatedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(r => r.IsRetired);
    }
}
