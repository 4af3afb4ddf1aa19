namespace HelpDesk.Domain.Messages;

/// <summary>
/// The wording of one of HelpDesk's messages, as administrators have edited it. Which message it is
/// (its key, audience and the placeholders it may use) is fixed by <see cref="StandardMessages"/>.
/// </summary>
public sealed class MessageTemplate
{
    public const int KeyMaxLength = 60;
    public const int SubjectMaxLength = 300;
    public const int BodyMaxLength = 20_000;

    private MessageTemplate() { }

    public string Key { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string Body { get; private set; } = "";
    /// <summary>When an administrator last edited it; null while it has the standard wording.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }

    public StandardMessage Definition => StandardMessages.Find(Key) ?? throw new InvalidOperationException($"'{Key}' is not one of HelpDesk's messages.");

    public static MessageTemplate Standard(StandardMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new MessageTemplate { Key = message.Key, Subject = message.Subject, Body = message.Body };
    }

    /// <summary>The standard wording as this release writes it, for a message no administrator has edited.</summary>
    public void ResetToStandard()
    {
        if (UpdatedAt is not null)
        {
            throw new DomainRuleException("An administrator has edited this message; their wording stays.");
        }

        Subject = Definition.Subject;
        Body = Definition.Body;
    }

    /// <summary>New wording; refused while it names a placeholder the message does not know or has an unbalanced brace.</summary>
    public void Edit(string subject, string body, string editedBy, DateTimeOffset now)
    {
        var problems = ProblemsWith(Definition, subject, body);
        if (problems.Count > 0)
        {
            throw new DomainRuleException(string.Join(" ", problems));
        }

        Subject = subject.Trim();
        Body = body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        UpdatedBy = editedBy;
        UpdatedAt = now;
    }

    public RenderedMessage Render(IReadOnlyDictionary<string, string> values) => RenderedMessage.From(Subject, Body, values);

    public static IReadOnlyList<string> ProblemsWith(StandardMessage message, string? subject, string? body)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(subject) || subject.Length > SubjectMaxLength)
        {
            problems.Add($"The subject needs 1 to {SubjectMaxLength} characters.");
        }
        else if (subject.Any(char.IsControl))
        {
            problems.Add("The subject must be a single line.");
        }

        if (string.IsNullOrWhiteSpace(body) || body.Length > BodyMaxLength)
        {
            problems.Add($"The body needs 1 to {BodyMaxLength} characters.");
        }

        problems.AddRange(TemplateText.Problems(subject ?? "", message.Placeholders.ToHashSet(StringComparer.Ordinal)).Select(p => "Subject: " + p));
        problems.AddRange(TemplateText.Problems(body ?? "", message.Placeholders.ToHashSet(StringComparer.Ordinal)).Select(p => "Body: " + p));
        return problems;
    }
}
