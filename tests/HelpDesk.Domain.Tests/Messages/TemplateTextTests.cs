using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Tests.Messages;

public sealed class TemplateTextTests
{
    private static readonly string[] Allowed = ["reference", "customer_name"];

    [Theory]
    [InlineData("Case {reference} for {customer_name}")]
    [InlineData("Braces in text: {{ and }}")]
    [InlineData("{{reference}} is written literally")]
    [InlineData("")]
    public void Text_using_only_allowed_placeholders_and_escaped_braces_has_no_problems(string text) =>
        Assert.Empty(TemplateText.Problems(text, Allowed));

    [Theory]
    [InlineData("Case {refrence}", "{refrence} is not a placeholder")]
    [InlineData("Case {reference", "never closed")]
    [InlineData("Case {reference\n} here", "never closed")]
    [InlineData("Case { {reference}", "never closed")]
    [InlineData("Case reference}", "closes nothing")]
    [InlineData("Case {}", "names no placeholder")]
    public void Unknown_placeholders_and_unbalanced_braces_are_named(string text, string expected) =>
        Assert.Contains(TemplateText.Problems(text, Allowed), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Rendering_inserts_values_as_they_are_and_writes_escaped_braces_once()
    {
        var rendered = TemplateText.Render("{{x}} {reference}: {customer_name}", new Dictionary<string, string> { ["reference"] = "HD-1", ["customer_name"] = "{reference} <b>" });

        Assert.Equal("{x} HD-1: {reference} <b>", rendered);
    }

    [Fact]
    public void A_placeholder_without_a_value_is_the_callers_mistake() =>
        Assert.Throws<ArgumentException>(() => TemplateText.Render("{reference}", new Dictionary<string, string>()));

    [Fact]
    public void The_html_part_encodes_every_value_and_keeps_paragraphs_and_line_breaks()
    {
        var message = RenderedMessage.From("Hi {customer_name}", "Dear {customer_name},\n\nLine one\nLine two", new Dictionary<string, string> { ["customer_name"] = "<script>x</script> & \"Jo\"" });

        Assert.Contains("<p>Dear &lt;script&gt;x&lt;/script&gt; &amp; &quot;Jo&quot;,</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<p>Line one<br>\nLine two</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Hi <script>x</script> & \"Jo\"", message.Subject);
    }

    [Theory]
    [InlineData("Refund\r\nBcc: x@y.example", "Refund Bcc: x@y.example")]
    [InlineData("Tab\there\0and\u2028more", "Tab here and more")]
    [InlineData("  spaced  ", "spaced")]
    public void Header_text_is_one_line(string text, string expected) => Assert.Equal(expected, HeaderText.OneLine(text));

    [Fact]
    public void A_value_with_a_line_break_cannot_split_the_subject()
    {
        var message = RenderedMessage.From("Case {reference}", "x", new Dictionary<string, string> { ["reference"] = "1\r\nBcc: x@y.example" });

        Assert.Equal("Case 1 Bcc: x@y.example", message.Subject);
    }

    [Fact]
    public void Every_standard_message_is_valid_and_has_sample_values_for_its_placeholders()
    {
        foreach (var message in StandardMessages.All)
        {
            Assert.Empty(MessageTemplate.ProblemsWith(message, message.Subject, message.Body));
            // The standard wording uses only values the message offers; it need not use them all
            // ({referred_to} and {department} stay offered to wording administrators wrote with them).
            Assert.Subset(message.Placeholders.ToHashSet(StringComparer.Ordinal), TemplateText.PlaceholdersIn(message.Subject + message.Body).ToHashSet(StringComparer.Ordinal));
            Assert.All(message.Placeholders, p => Assert.True(StandardMessages.SampleValues.ContainsKey(p), $"No sample value for {{{p}}}."));
            var rendered = RenderedMessage.From(message.Subject, message.Body, StandardMessages.SampleValues);
            Assert.DoesNotContain("{", rendered.TextBody, StringComparison.Ordinal);
        }
    }
}
