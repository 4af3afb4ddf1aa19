using HelpDesk.Domain.Publishing;

namespace HelpDesk.Application.Features.Policy;

/// <summary>One version of the policy as readers see it: its facts and its text rendered safely.</summary>
public sealed record PolicyVersionView(
    int Number,
    string Title,
    DateOnly ApprovedOn,
    DateOnly EffectiveFrom,
    string Owner,
    string Changelog,
    PolicyVisibility Visibility,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    string BodyHtml);

internal static class PolicyVersionReading
{
    /// <summary>
    /// The first version <paramref name="versions"/> lists, as readers see it: the Markdown is read and
    /// rendered here, after the query, so only the columns the view shows leave the database.
    /// </summary>
    public static async Task<PolicyVersionView?> FirstViewAsync(this IQueryable<PolicyVersion> versions, CancellationToken cancellationToken)
    {
        var version = await versions
            .AsNoTracking()
            .Select(p => new { p.Number, p.Title, p.ApprovedOn, p.EffectiveFrom, p.Owner, p.Changelog, p.Visibility, p.PublishedAt, p.PublishedBy, p.Body })
            .FirstOrDefaultAsync(cancellationToken);
        return version is null
            ? null
            : new PolicyVersionView(version.Number, version.Title, version.ApprovedOn, version.EffectiveFrom, version.Owner, version.Changelog, version.Visibility, version.PublishedAt, version.PublishedBy, PolicyMarkdown.ToSafeHtml(version.Body));
    }
}

internal static class PolicyDates
{
    /// <summary>Today's date where the help desk is: a version takes effect at the start of the desk's day.</summary>
    public static DateOnly Today(this DeskClock clock) => DateOnly.FromDateTime(clock.LocalNow);
}
