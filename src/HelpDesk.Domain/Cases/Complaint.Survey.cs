namespace HelpDesk.Domain.Cases;

public sealed partial class Complaint
{
    /// <summary>
    /// The customer's answer to the satisfaction survey sent at resolution. The answer is its own row
    /// (one per case, by the database's unique index); the case only notes it on its timeline, for
    /// staff: the customer knows they answered, and the status page keeps to the case's progress.
    /// </summary>
    /// <remarks>Touches no column of the case, so a member of staff working on it at that moment is not told it changed.</remarks>
    public SurveyResponse AnswerSurvey(int csat, int? nps, string? comment, DateTimeOffset now)
    {
        var answer = SurveyResponse.Answer(Id, csat, nps, comment, now);
        var recommend = nps is { } score ? $", likely to recommend {score} of 10" : "";
        Record(new Actor(null, Customer.Name), now, TimelineEventType.SurveyAnswered,
            $"Customer answered the satisfaction survey: satisfaction {csat} of 5{recommend}", visibleToCustomer: false);
        return answer;
    }
}
