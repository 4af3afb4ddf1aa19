using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("survey_responses", t =>
        {
            t.HasCheckConstraint("ck_survey_responses_csat", "csat BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_survey_responses_nps", "nps IS NULL OR nps BETWEEN 0 AND 10");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Comment).HasMaxLength(SurveyResponse.CommentMaxLength);
        builder.HasOne<Complaint>().WithMany().HasForeignKey(r => r.ComplaintId).OnDelete(DeleteBehavior.Cascade);

        // One answer per case, enforced by the database so two tabs submitting at once record one.
        builder.HasIndex(r => r.ComplaintId).IsUnique();

        // The KPIs read satisfaction for a period.
        builder.HasIndex(r => r.AnsweredAt);
    }
}
