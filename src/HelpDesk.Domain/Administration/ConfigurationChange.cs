namespace HelpDesk.Domain.Administration;

/// <summary>
/// A record of one edit to the policy's configuration (a complaint type, an SLA row, a calendar): who,
/// when, what it was before and after, and whether it was applied to open cases.
/// </summary>
public sealed class ConfigurationChange
{
    public const int TextMaxLength = 4000;

    private ConfigurationChange() { }

    public ConfigurationChange(DateTimeOffset at, string? actorId, string actorName, string subject, string action, string? before, string? after)
    {
        At = at.ToUniversalTime();
        ActorId = actorId;
        ActorName = actorName;
        Subject = subject;
        Action = action;
        Before = Clip(before);
        After = Clip(after);
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorName { get; private set; } = "";

    /// <summary>What was changed, e.g. "SLA row Billing issues, any priority" or "Calendar office".</summary>
    public string Subject { get; private set; } = "";

    /// <summary>Added, Edited, Retired, Reinstated.</summary>
    public string Action { get; private set; } = "";

    public string? Before { get; private set; }
    public string? After { get; private set; }
    public bool AppliedToOpenCases { get; private set; }
    public int CasesRecomputed { get; private set; }

    public void RecordAppliedToOpenCases(int casesRecomputed)
    {
        AppliedToOpenCases = true;
        CasesRecomputed = casesRecomputed;
    }

    private static string? Clip(string? text) => text is { Length: > TextMaxLength } ? text[..TextMaxLength] : text;
}
