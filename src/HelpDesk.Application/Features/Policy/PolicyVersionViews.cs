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

internal static class PolicyDates
{
    /// <summary>Today's date where the help desk is: a version takes effect at the start of the desk's day.</summary>
    public static DateOnly Today(this DeskClock clock) => DateOnly.FromDateTime(clock.LocalNow);
}
