using HelpDesk.Domain.Reviews;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class PeriodicReviewConfiguration : IEntityTypeConfiguration<PeriodicReview>
{
    public void Configure(EntityTypeBuilder<PeriodicReview> builder)
    {
        builder.ToTable("periodic_reviews", t => t.HasCheckConstraint("ck_periodic_reviews_period", "period_end >= period_start"));
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Ignore(r => r.Period);
        builder.Property(r => r.ReviewedById).HasMaxLength(450);
        builder.Property(r => r.ReviewedByName).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Notes).HasMaxLength(PeriodicReview.NotesMaxLength).IsRequired();

        // The dashboard asks for the latest review of each kind; the reviews page lists a period's reviews.
        builder.HasIndex(r => new { r.PeriodKind, r.ReviewedAt });
        builder.HasIndex(r => new { r.PeriodKind, r.PeriodStart });
    }
}
