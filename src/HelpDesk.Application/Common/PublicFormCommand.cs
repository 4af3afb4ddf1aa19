namespace HelpDesk.Application.Common;

/// <summary>
/// What every public form posts besides its own fields: a one-time token, so the same form posted
/// twice is kept once, and a honeypot field, hidden from people and filled in by bots.
/// </summary>
public abstract record PublicFormCommand
{
    public Guid? FormToken { get; init; }

    public string? Website { get; init; }

    /// <summary>The honeypot was filled: the post is thanked and nothing is kept.</summary>
    public bool LooksAutomated => !string.IsNullOrEmpty(Website);
}
