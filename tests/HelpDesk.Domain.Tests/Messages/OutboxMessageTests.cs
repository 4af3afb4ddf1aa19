using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Tests.Messages;

public sealed class OutboxMessageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Schedule = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), 4);

    private static OutboxMessage Queued() =>
        OutboxMessage.Queue(Guid.NewGuid(), "abc@desk.example", TemplateKeys.AcknowledgementEmail, "jo@example.test", "Jo\r\nBcc: x@y", new RenderedMessage("Subject", "Text", "<p>Text</p>"), 7, Now);

    [Fact]
    public void The_back_off_doubles_from_the_base_up_to_the_ceiling()
    {
        Assert.Equal(
            [TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(240), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5)],
            Enumerable.Range(1, 6).Select(Schedule.DelayAfter));
        Assert.Equal(TimeSpan.FromMinutes(5), Schedule.DelayAfter(500));
    }

    [Fact]
    public void A_queued_message_is_due_at_once_with_a_one_line_recipient_name()
    {
        var message = Queued();

        Assert.Equal((OutboxStatus.Pending, Now, 0), (message.Status, message.NextAttemptAt, message.Attempts));
        Assert.Equal("Jo Bcc: x@y", message.RecipientName);
    }

    [Fact]
    public void An_address_with_a_line_break_is_refused() =>
        Assert.Throws<DomainRuleException>(() => OutboxMessage.Queue(Guid.NewGuid(), "id@x", TemplateKeys.AcknowledgementEmail, "jo@example.test\r\nBcc: x@y", null, new RenderedMessage("s", "t", "h"), null, Now));

    [Fact]
    public void Failures_back_off_and_the_message_is_given_up_after_the_allowed_attempts()
    {
        var message = Queued();

        message.RecordFailure(Now, DeliveryOutcome.Failed, "connection refused", Schedule, "w1");
        Assert.Equal((OutboxStatus.Pending, Now.AddSeconds(30)), (message.Status, message.NextAttemptAt));
        message.RecordFailure(Now.AddSeconds(30), DeliveryOutcome.Failed, "connection refused", Schedule, "w1");
        Assert.Equal(Now.AddSeconds(90), message.NextAttemptAt);
        message.RecordFailure(Now.AddSeconds(90), DeliveryOutcome.Rejected, "550", Schedule, "w2");
        Assert.Equal(OutboxStatus.Pending, message.Status);
        message.RecordFailure(Now.AddSeconds(210), DeliveryOutcome.Rejected, "550", Schedule, "w2");

        Assert.Equal((OutboxStatus.GivenUp, 4, "550"), (message.Status, message.Attempts, message.LastError));
        Assert.Equal(4, message.DeliveryAttempts.Count);
    }

    [Fact]
    public void A_retried_message_gets_a_fresh_set_of_attempts_and_keeps_its_history()
    {
        var message = Queued();
        for (var i = 0; i < Schedule.MaxAttempts; i++)
        {
            message.RecordFailure(Now, DeliveryOutcome.Failed, "down", Schedule, null);
        }

        message.Retry(Now.AddHours(1));

        Assert.Equal((OutboxStatus.Pending, 0, Now.AddHours(1)), (message.Status, message.Attempts, message.NextAttemptAt));
        Assert.Equal(4, message.DeliveryAttempts.Count);
        Assert.Throws<DomainRuleException>(() => message.Retry(Now));
    }

    [Fact]
    public void A_sent_message_records_when_and_cannot_be_retried()
    {
        var message = Queued();

        message.RecordSent(Now.AddSeconds(2), "w1");

        Assert.Equal((OutboxStatus.Sent, Now.AddSeconds(2)), (message.Status, message.SentAt));
        Assert.Equal(DeliveryOutcome.Sent, Assert.Single(message.DeliveryAttempts).Outcome);
        Assert.Throws<DomainRuleException>(() => message.Retry(Now));
    }

    [Fact]
    public void An_edit_naming_an_unknown_placeholder_is_refused_and_changes_nothing()
    {
        var template = MessageTemplate.Standard(StandardMessages.Find(TemplateKeys.Resolution)!);

        var refused = Assert.Throws<DomainRuleException>(() => template.Edit("Done: {reference}", "Dear {name}", "Ada", Now));

        Assert.Contains("{name}", refused.Message, StringComparison.Ordinal);
        Assert.Equal(StandardMessages.Find(TemplateKeys.Resolution)!.Body, template.Body);
        Assert.Null(template.UpdatedAt);
    }
}
