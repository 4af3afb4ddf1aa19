using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Responses;

/// <summary>
/// Words an agent may start a reply from (docs/messages.md, "Canned responses"): a name to choose it by and a
/// body with the placeholders a reply to the customer may use, filled from the case by the one template
/// renderer. Retired responses are no longer offered; replies already sent keep the words they were sent with.
/// </summary>
public sealed class CannedResponse
{
    public const int NameMaxLength = 120;
    public const int BodyMaxLength = Cases.Complaint.NoteMaxLength;

    /// <summary>The case's values, the ones every customer message about a case may use; a reply's own text is what the response becomes.</summary>
    public static readonly IReadOnlyList<string> AllowedPlaceholders =
        [.. StandardMessages.Find(TemplateKeys.Reply)!.Placeholders.Where(p => p != Placeholders.Reply)];

    private CannedResponse() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset? RetiredAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    public bool IsRetired => RetiredAt is not null;

    public static CannedResponse Write(string name, string body, string writtenBy, DateTimeOffset now)
    {
        var response = new CannedResponse();
        response.Change(name, body, writtenBy, now);
        return response;
    }

    public void Change(string name, string body, string changedBy, DateTimeOffset now)
    {
        if (IsRetired)
        {
            throw new DomainRuleException("A retired response cannot be changed: write a new one.");
        }

        var problems = ProblemsWith(name, body);
        if (problems.Count > 0)
        {
            throw new DomainRuleException(string.Join(" ", problems));
        }

        Name = HeaderText.OneLine(name);
        Body = body.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        UpdatedBy = changedBy;
        UpdatedAt = now;
    }

    public void Retire(string retiredBy, DateTimeOffset now)
    {
        if (IsRetired)
        {
            throw new DomainRuleException("This response is retired already.");
        }

        RetiredAt = now;
        UpdatedBy = retiredBy;
        UpdatedAt = now;
    }

    /// <summary>The body with the case's values in, through the one renderer every message uses.</summary>
    public string Fill(IReadOnlyDictionary<string, string?> caseValues)
    {
        ArgumentNullException.ThrowIfNull(caseValues);
        return TemplateText.Render(Body, caseValues.ToDictionary(v => v.Key, v => v.Value ?? "", StringComparer.Ordinal)).Trim();
    }

    /// <summary>Everything wrong with a name and body, each a sentence; the body's placeholders are checked like a template's.</summary>
    public static IReadOnlyList<string> ProblemsWith(string? name, string? body)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > NameMaxLength)
        {
            problems.Add($"The name needs 1 to {NameMaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(body) || body.Length > BodyMaxLength)
        {
            problems.Add($"The body needs 1 to {BodyMaxLength:N0} characters.");
        }

        problems.AddRange(TemplateText.Problems(body ?? "", AllowedPlaceholders.ToHashSet(StringComparer.Ordinal)));
        return problems;
    }
}
