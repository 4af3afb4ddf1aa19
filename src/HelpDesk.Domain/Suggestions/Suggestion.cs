using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Suggestions;

/// <summary>Who made the suggestion: the policy (004) invites customers, partners and staff.</summary>
public enum SuggestionSource
{
    Customer,
    Partner,
    Staff,
}

public enum SuggestionStatus
{
    /// <summary>Waiting for a supervisor's review.</summary>
    Received,

    /// <summary>Taken up: the change made is recorded and told to the person.</summary>
    Adopted,

    /// <summary>Not taken up: the reason is recorded and told to the person.</summary>
    Declined,
}

/// <summary>
/// A suggestion from a customer, a partner or a member of staff (004: "the Company will inform
/// customers of any changes made to services as a result of their suggestions. Where concerns could
/// not be addressed, customers should be given valid reasons"). Reviewed once: adopted with the
/// change made, or declined with the reason. An adopted one may be published on "You said, we did"
/// in words staff write for the public, which never carry the person's name or email.
/// </summary>
public sealed class Suggestion
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int TextMaxLength = 4_000;
    public const int ExplanationMaxLength = 2_000;
    public const int PublicTextMaxLength = 1_000;
    public const int ActorNameMaxLength = 200;

    private Suggestion() { }

    public long Id { get; private set; }

    /// <summary>The form's one-time token: the same form posted twice records one suggestion.</summary>
    public Guid? FormToken { get; private set; }

    public string? Name { get; private set; }
    public string? Email { get; private set; }
    public SuggestionSource Source { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The member of staff who recorded it (their own, or one from the suggestion book); null from the public form.</summary>
    public string? RecordedById { get; private set; }
    public string? RecordedByName { get; private set; }

    public SuggestionStatus Status { get; private set; }

    /// <summary>The change made (adopted) or the reason (declined): what the person is told.</summary>
    public string? Explanation { get; private set; }

    public string? ReviewedById { get; private set; }
    public string? ReviewedByName { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }

    /// <summary>"You said": the suggestion in staff's public words. Kept after withdrawal, to publish again.</summary>
    public string? PublicSuggestion { get; private set; }

    /// <summary>"We did": the change in staff's public words.</summary>
    public string? PublicChange { get; private set; }

    /// <summary>Set while it is shown on "You said, we did".</summary>
    public DateTimeOffset? PublishedAt { get; private set; }
    public string? PublishedByName { get; private set; }

    public bool IsPublished => PublishedAt is not null;

    /// <param name="recordedBy">The member of staff entering it; <see cref="Actor.System"/> for the public form.</param>
    public static Suggestion Leave(string? name, string? email, SuggestionSource source, string text, Actor recordedBy, DateTimeOffset now, Guid? formToken = null)
    {
        ArgumentNullException.ThrowIfNull(recordedBy);
        if (!Enum.IsDefined(source))
        {
            throw new DomainRuleException("A suggestion comes from a customer, a partner or a member of staff.");
        }

        if (source == SuggestionSource.Staff && recordedBy.Id is null)
        {
            throw new DomainRuleException("Only a signed-in member of staff can leave a suggestion as staff.");
        }

        var trimmedName = Optional(name, NameMaxLength, "name");
        var trimmedEmail = Optional(email, EmailMaxLength, "email address");
        if (HeaderText.HasControlCharacters(trimmedName) || HeaderText.HasControlCharacters(trimmedEmail))
        {
            throw new DomainRuleException("A name and an email address are each one line.");
        }

        return new Suggestion
        {
            FormToken = formToken,
            Name = trimmedName,
            Email = trimmedEmail,
            Source = source,
            Text = Required(text, TextMaxLength, "The suggestion"),
            ReceivedAt = now.ToUniversalTime(),
            RecordedById = recordedBy.Id,
            RecordedByName = recordedBy.Id is null ? null : recordedBy.DisplayName,
            Status = SuggestionStatus.Received,
        };
    }

    /// <summary>Taken up: <paramref name="changeMade"/> says what changed, and is what the person is told.</summary>
    public void Adopt(string changeMade, Actor reviewer, DateTimeOffset now) =>
        Review(SuggestionStatus.Adopted, Required(changeMade, ExplanationMaxLength, "The change made"), reviewer, now);

    /// <summary>Not taken up: the policy asks for a valid reason, which the person is told.</summary>
    public void Decline(string reason, Actor reviewer, DateTimeOffset now) =>
        Review(SuggestionStatus.Declined, Required(reason, ExplanationMaxLength, "The reason"), reviewer, now);

    /// <summary>
    /// Shows an adopted suggestion on "You said, we did" in the words given, which must not carry the
    /// person's name or email address: the page is public, and they did not ask to be named.
    /// </summary>
    public void Publish(string youSaid, string weDid, Actor publisher, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        if (Status != SuggestionStatus.Adopted)
        {
            throw new DomainRuleException(Status == SuggestionStatus.Declined
                ? "A declined suggestion is not published: only adopted ones appear on \"You said, we did\"."
                : "Adopt the suggestion before publishing it: only adopted ones appear on \"You said, we did\".");
        }

        var said = Required(youSaid, PublicTextMaxLength, "\"You said\"");
        var did = Required(weDid, PublicTextMaxLength, "\"We did\"");
        if (Names(said) || Names(did))
        {
            throw new DomainRuleException("The public summary must not name the person who made the suggestion or give their email address.");
        }

        PublicSuggestion = said;
        PublicChange = did;
        PublishedAt = now.ToUniversalTime();
        PublishedByName = publisher.DisplayName;
    }

    /// <summary>Takes it off "You said, we did"; the public words are kept, to publish again.</summary>
    public void Withdraw()
    {
        if (!IsPublished)
        {
            throw new DomainRuleException("This suggestion is not published, so there is nothing to withdraw.");
        }

        PublishedAt = null;
        PublishedByName = null;
    }

    private void Review(SuggestionStatus outcome, string explanation, Actor reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        if (Status != SuggestionStatus.Received)
        {
            throw new DomainRuleException($"This suggestion was already {Status.ToString().ToLowerInvariant()}; each suggestion is reviewed once.");
        }

        if (reviewer.Id is null)
        {
            throw new DomainRuleException("A suggestion is reviewed by a member of staff.");
        }

        Status = outcome;
        Explanation = explanation;
        ReviewedById = reviewer.Id;
        ReviewedByName = reviewer.DisplayName;
        ReviewedAt = now.ToUniversalTime();
    }

    private bool Names(string text) =>
        (Name is { Length: > 0 } name && text.Contains(name, StringComparison.OrdinalIgnoreCase))
        || (Email is { Length: > 0 } email && text.Contains(email, StringComparison.OrdinalIgnoreCase));

    private static string Required(string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainRuleException($"{what} is required.");
        }

        var trimmed = value.Trim();
        return trimmed.Length > maxLength ? throw new DomainRuleException($"{what} can be at most {maxLength} characters.") : trimmed;
    }

    private static string? Optional(string? value, int maxLength, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length > maxLength ? throw new DomainRuleException($"The {what} can be at most {maxLength} characters.") : trimmed;
    }
}
