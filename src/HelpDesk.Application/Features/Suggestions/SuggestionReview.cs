using FluentValidation.Results;
using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Application.Features.Suggestions;

/// <summary>What reviewing, publishing and withdrawing share: the suggestion by id, and the save that two supervisors cannot both win.</summary>
internal static class SuggestionReview
{
    public static async Task<Suggestion> FindSuggestionAsync(this HelpDeskDbContext db, long id, CancellationToken cancellationToken) =>
        await db.Suggestions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new SuggestionNotFoundException(id);

    /// <summary>Saves, or says that someone else changed the suggestion since it was read (its xmin moved).</summary>
    public static async Task SaveSuggestionAsync(this HelpDeskDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationException([new ValidationFailure("", "Someone else changed this suggestion at the same moment; the page now shows what they did.")]);
        }
    }
}
