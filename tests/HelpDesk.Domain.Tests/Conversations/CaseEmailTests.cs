using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Tests.Conversations;

/// <summary>docs/email.md, "Outgoing mail threads too": the subject, the marker and the thread of every customer email about a case.</summary>
public sealed class CaseEmailTests
{
    private static readonly string Reference = ReferenceNumber.Create("HD", 2026, 4217).ToString();
    private static readonly string Other = ReferenceNumber.Create("HD", 2026, 17).ToString();

    [Fact]
    public void The_email_starts_with_the_marker_in_text_and_html_and_carries_the_reference_once()
    {
        var threaded = CaseEmail.Threaded(new RenderedMessage("Our response", "Dear Jo,\n\nRefunded.", "<p>ignored</p>"), Reference);

        Assert.Equal($"[{Reference}] Our response", threaded.Subject);
        Assert.Equal($"{QuotedHistory.ReplyMarker}\n\nDear Jo,\n\nRefunded.", threaded.TextBody);
        Assert.Contains($"<p>{QuotedHistory.ReplyMarker}</p>", threaded.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Refunded.", threaded.HtmlBody, StringComparison.Ordinal);
        // What the customer types above the marker is all their reply shows.
        Assert.Equal("Thanks, got it.", QuotedHistory.Trim($"Thanks, got it.\n\n> {threaded.TextBody.Replace("\n", "\n> ", StringComparison.Ordinal)}"));
    }

    [Theory]
    [InlineData("Your case {0}")]
    [InlineData("Re: [{0}] Charged twice")]
    [InlineData("about hd 2026 004217 {1}")]
    public void A_subject_that_names_the_case_already_is_not_tagged_again(string subject)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, Reference, char.ToLowerInvariant(Reference[^1]));

        Assert.Equal(text, CaseEmail.Threaded(new RenderedMessage(text, "t", "h"), Reference).Subject);
    }

    [Fact]
    public void Another_cases_reference_in_the_subject_does_not_stand_for_this_one() =>
        Assert.Equal($"[{Reference}] Re: as in {Other}", SubjectReference.Tag($"Re: as in {Other}", Reference));

    [Fact]
    public void A_reply_answers_the_customers_latest_message_with_its_thread_last()
    {
        var threading = MessageThreading.Answering("<latest@customer.example>", "<first@helpdesk.example> <second@customer.example>", "support@helpdesk.example");

        Assert.Equal("latest@customer.example", threading.InReplyTo);
        Assert.Equal("first@helpdesk.example second@customer.example latest@customer.example", threading.References);
        Assert.Equal("support@helpdesk.example", threading.ReplyTo);
    }

    [Fact]
    public void An_id_already_in_the_references_is_not_repeated_and_no_customer_email_means_no_thread()
    {
        Assert.Equal("a@x b@x", MessageThreading.Answering("b@x", "a@x b@x", null).References);
        var none = MessageThreading.Answering(null, null, "support@helpdesk.example");
        Assert.Equal((null, null), (none.InReplyTo, none.References));
    }

    [Fact]
    public void A_thread_too_long_for_the_header_keeps_its_first_and_latest_messages()
    {
        var ids = Enumerable.Range(0, 200).Select(i => $"message-{i:000}@customer.example").ToList();

        var threading = MessageThreading.Answering("latest@customer.example", string.Join(' ', ids), null);

        var kept = threading.References!.Split(' ');
        Assert.True(threading.References.Length <= OutboxMessage.ThreadingMaxLength);
        Assert.Equal(["message-000@customer.example", "message-199@customer.example", "latest@customer.example"], [kept[0], kept[^2], kept[^1]]);
        var queued = OutboxMessage.Queue(Guid.NewGuid(), "id@desk.example", TemplateKeys.Resolution, "jo@example.test", null, new RenderedMessage("s", "t", "h"), 7, DateTimeOffset.UnixEpoch, threading);
        Assert.Equal(threading.References, queued.References);
    }
}
