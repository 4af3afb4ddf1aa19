using HelpDesk.Domain.Conversations;

namespace HelpDesk.Domain.Tests.Conversations;

/// <summary>docs/email.md, "Content": the new part of a reply, above our marker and the usual quote introductions.</summary>
public sealed class QuotedHistoryTests
{
    [Fact]
    public void Text_below_our_reply_marker_is_history() =>
        Assert.Equal("Yes, that is right.", QuotedHistory.Trim($"Yes, that is right.\n\n{QuotedHistory.ReplyMarker}\nDear Aisha, we have your complaint."));

    [Theory]
    [InlineData("On Wed, 25 Nov 2026 at 10:00, HelpDesk <help@desk.example> wrote:")]
    [InlineData("Am 25.11.2026 um 10:00 schrieb HelpDesk <help@desk.example>:")]
    [InlineData("Le 25 nov. 2026 à 10:00, HelpDesk a écrit :")]
    [InlineData("-----Original Message-----")]
    public void The_usual_quote_introductions_start_the_history(string introduction) =>
        Assert.Equal("Thanks.", QuotedHistory.Trim($"Thanks.\n\n{introduction}\n> Earlier text"));

    [Fact]
    public void An_introduction_wrapped_over_two_lines_starts_the_history() =>
        Assert.Equal("Thanks.", QuotedHistory.Trim("Thanks.\n\nOn Wed, 25 Nov 2026 at 10:00, HelpDesk\n<help@desk.example> wrote:\n> Earlier"));

    [Fact]
    public void Trailing_quoted_lines_are_history_but_quotes_answered_in_between_are_kept()
    {
        Assert.Equal("Fine.", QuotedHistory.Trim("Fine.\n> old line\n> older line\n"));
        Assert.Equal("> Which account?\n12345.", QuotedHistory.Trim("> Which account?\n12345."));
    }

    [Fact]
    public void A_reply_that_is_only_a_quote_keeps_everything_rather_than_nothing() =>
        Assert.Equal($"{QuotedHistory.ReplyMarker}\nOld.", QuotedHistory.Trim($"{QuotedHistory.ReplyMarker}\nOld."));

    [Fact]
    public void Windows_line_ends_are_read_as_lines() =>
        Assert.Equal("Hello.", QuotedHistory.Trim($"Hello.\r\n{QuotedHistory.ReplyMarker}\r\nOld."));
}
