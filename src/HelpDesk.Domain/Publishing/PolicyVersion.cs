namespace HelpDesk.Domain.Publishing;

public enum PolicyVisibility
{
    Public,
    StaffOnly,
}

/// <summary>
/// One version of the customer service policy as published in HelpDesk (002, 003): the text in
/// Markdown, who owns it, when it was approved and takes effect, what changed, and who may read it.
/// Versions are never edited once published; a change is a new version.
/// </summary>
public sealed class PolicyVersion
{
    public const int TitleMaxLength = 200;
    public const int BodyMaxLength = 100_000;
    public const int OwnerMaxLength = 200;
    public const int ChangelogMaxLength = 4000;

    /// <summary>The policy is reviewed every year (004, "Performance monitoring and evaluation").</summary>
    public static readonly TimeSpan ReviewReminderLead = TimeSpan.FromDays(30);

    private PolicyVersion() { }

    public int Id { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateOnly ApprovedOn { get; private set; }
    public DateOnly EffectiveFrom { get; private set; }
    public string Owner { get; private set; } = "";
    public string Changelog { get; private set; } = "";
    public PolicyVisibility Visibility { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";

    /// <summary>A year after approval the policy is due for its review.</summary>
    public DateOnly ReviewDueOn => ApprovedOn.AddYears(1);

    public static PolicyVersion Publish(
        int number,
        string title,
        string body,
        DateOnly approvedOn,
        DateOnly effectiveFrom,
        string owner,
        string changelog,
        PolicyVisibility visibility,
        DateTimeOffset publishedAt,
        string publishedBy)
    {
        if (effectiveFrom < approvedOn)
        {
            throw new DomainRuleException("A policy cannot take effect before it is approved.");
        }

        return new PolicyVersion
        {
            Number = number,
            Title = Require(title, "title", TitleMaxLength),
            Body = Require(body, "text", BodyMaxLength),
            ApprovedOn = approvedOn,
            EffectiveFrom = effectiveFrom,
            Owner = Require(owner, "owner", OwnerMaxLength),
            Changelog = Require(changelog, "changelog", ChangelogMaxLength),
            Visibility = visibility,
            PublishedAt = publishedAt.ToUniversalTime(),
            PublishedBy = publishedBy,
        };
    }

    private static string Require(string value, string what, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainRuleException($"The policy's {what} is required.");
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength ? trimmed : throw new DomainRuleException($"The policy's {what} is longer than {maxLength} characters.");
    }
}
