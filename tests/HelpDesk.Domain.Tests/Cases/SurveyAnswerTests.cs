using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Tests.Cases;

/// <summary>The customer's survey answer: in range or refused, and noted on the case for staff only, without changing the case.</summary>
public class SurveyAnswerTests
{
    private const int Billing = 2;
    private static readonly BusinessCalendar Office = BusinessCalendar.Office("Europe/London");
    private static readonly SlaTable Table = SlaTable.Seeded(new SeededComplaintTypes(Billing, 3, 4), Office, BusinessCalendar.AroundTheClock("Europe/London"));
    private static readonly Actor Agent = new("agent-1", "Alex Agent");
    private static readonly DateTimeOffset Wednesday10 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Complaint Resolved()
    {
        var complaint = Complaint.Log(
            ReferenceNumber.Create("HD", 2026, 1),
            new NewCase(Wednesday10, Channel.Phone, CaseKind.Complaint, Billing, Priority.Normal, new CustomerContact("Aisha Khan", "aisha@example.com", null, null), "Charged twice", "Twice in October."),
            Table.RowFor(Billing, Priority.Normal),
            Agent,
            Wednesday10);
        complaint.ResolveAtFirstContact("Refunded on the phone.", CommunicationMethod.Verbal, Table.RowFor(Billing, Priority.Normal), Agent, Wednesday10);
        return complaint;
    }

    [Fact]
    public void An_answer_keeps_the_scores_and_trimmed_comment_and_notes_it_internally_in_the_customers_name()
    {
        var complaint = Resolved();
        var status = complaint.Status;
        var answeredAt = Wednesday10.AddDays(3);

        var answer = complaint.AnswerSurvey(5, 8, "  Thank you.  ", answeredAt);

        Assert.Equal((5, 8, "Thank you.", answeredAt), (answer.Csat, answer.Nps, answer.Comment, answer.AnsweredAt));
        var note = complaint.Timeline[^1];
        Assert.Equal(TimelineEventType.SurveyAnswered, note.Type);
        Assert.False(note.VisibleToCustomer);
        Assert.Null(note.ActorId);
        Assert.Equal("Aisha Khan", note.ActorName);
        Assert.Equal("Customer answered the satisfaction survey: satisfaction 5 of 5, likely to recommend 8 of 10", note.Summary);
        Assert.DoesNotContain("Thank you", note.Summary, StringComparison.Ordinal);
        Assert.Equal(status, complaint.Status);
    }

    [Fact]
    public void Without_a_recommendation_the_note_gives_satisfaction_alone()
    {
        var complaint = Resolved();

        complaint.AnswerSurvey(2, null, null, Wednesday10);

        Assert.Equal("Customer answered the satisfaction survey: satisfaction 2 of 5", complaint.Timeline[^1].Summary);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(6, null)]
    [InlineData(3, -1)]
    [InlineData(3, 11)]
    public void Scores_out_of_range_are_refused_and_nothing_is_noted(int csat, int? nps)
    {
        var complaint = Resolved();
        var events = complaint.Timeline.Count;

        Assert.Throws<DomainRuleException>(() => complaint.AnswerSurvey(csat, nps, null, Wednesday10));
        Assert.Equal(events, complaint.Timeline.Count);
    }
}
