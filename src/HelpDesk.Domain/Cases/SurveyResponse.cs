namespace HelpDesk.Domain.Cases;

/// <summary>
/// The customer's own answer to the satisfaction survey sent after resolution: one per case, so the
/// satisfaction and net promoter figures count each customer once.
/// </summary>
public sealed class SurveyResponse
{
    public const int CommentMaxLength = 4_000;

    private SurveyResponse() { }

    public long Id { get; private set; }
    public long ComplaintId { get; private set; }

    /// <summary>Customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int Csat { get; private set; }

    /// <summary>How likely they are to recommend us, 0 to 10; optional on the form.</summary>
    public int? Nps { get; private set; }

    public string? Comment { get; private set; }
    public DateTimeOffset AnsweredAt { get; private set; }

    public static SurveyResponse Answer(long complaintId, int csat, int? nps, string? comment, DateTimeOffset now)
    {
        if (csat is < 1 or > 5)
        {
            throw new DomainRuleException("Satisfaction is a number from 1 to 5.");
        }

        if (nps is < 0 or > 10)
        {
            throw new DomainRuleException("How likely you are to recommend us is a number from 0 to 10.");
        }

        var trimmed = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (trimmed is { Length: > CommentMaxLength })
        {
            throw new DomainRuleException($"The comment can be at most {CommentMaxLength} characters.");
        }

        return new SurveyResponse
        {
            ComplaintId = complaintId,
            Csat = csat,
            Nps = nps,
            Comment = trimmed,
            AnsweredAt = now.ToUniversalTime(),
        };
    }
}
