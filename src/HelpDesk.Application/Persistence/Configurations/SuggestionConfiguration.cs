using HelpDesk.Domain.Suggestions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Application.Persistence.Configurations;

internal sealed class SuggestionConfiguration : IEntityTypeConfiguration<Suggestion>
{
    /// <summary>The row version: PostgreSQL's xmin, so two supervisors reviewing at once cannot both win.</summary>
    public const string VersionProperty = "Version";

    public void Configure(EntityTypeBuilder<Suggestion> builder)
    {
        builder.ToTable("suggestions", t =>
        {
            // The database keeps the rules too: a review always says why, and only adopted ones are published.
            t.HasCheckConstraint("ck_suggestions_reviewed", "(status = 'Received') = (explanation IS NULL AND reviewed_at IS NULL)");
            t.HasCheckConstraint("ck_suggestions_published_adopted", "published_at IS NULL OR status = 'Adopted'");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(Suggestion.NameMaxLength);
        builder.Property(s => s.Email).HasMaxLength(Suggestion.EmailMaxLength);
        builder.Property(s => s.Text).HasMaxLength(Suggestion.TextMaxLength).IsRequired();
        builder.Property(s => s.RecordedById).HasMaxLength(450);
        builder.Property(s => s.RecordedByName).HasMaxLength(Suggestion.ActorNameMaxLength);
        builder.Property(s => s.Explanation).HasMaxLength(Suggestion.ExplanationMaxLength);
        builder.Property(s => s.ReviewedById).HasMaxLength(450);
        builder.Property(s => s.ReviewedByName).HasMaxLength(Suggestion.ActorNameMaxLength);
        builder.Property(s => s.PublicSuggestion).HasMaxLength(Suggestion.PublicTextMaxLength);
        builder.Property(s => s.PublicChange).HasMaxLength(Suggestion.PublicTextMaxLength);
        builder.Property(s => s.PublishedByName).HasMaxLength(Suggestion.ActorNameMaxLength);
        builder.Ignore(s => s.IsPublished);
        builder.Property<uint>(VersionProperty).IsRowVersion();

        // The same public form posted twice stores one suggestion.
        builder.HasIndex(s => s.FormToken).IsUnique();

        // The staff list: newest first, optionally one status, paged by (received_at, id).
        builder.HasIndex(s => new { s.Status, s.ReceivedAt, s.Id });
        builder.HasIndex(s => new { s.ReceivedAt, s.Id });

        // "You said, we did": the published ones, newest first.
        builder.HasIndex(s => s.PublishedAt).HasFilter("published_at IS NOT NULL");
    }
}
