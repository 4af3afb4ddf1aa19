using HelpDesk.Application.Features.Policy;

namespace HelpDesk.Application.Tests.Features.Policy;

/// <summary>The policy's text goes on a public page: no markup or address in it may run script.</summary>
public sealed class PolicyMarkdownTests
{
    [Fact]
    public void Headings_lists_emphasis_and_tables_render_as_html()
    {
        var html = PolicyMarkdown.ToSafeHtml("## Acknowledgement\n\n- within **one** business day\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h2>Acknowledgement</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li>within <strong>one</strong> business day</li>", html, StringComparison.Ordinal);
        Assert.Contains("<table>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("text <span onclick=\"alert(1)\">inline</span> html")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    public void Raw_html_is_shown_as_text_never_passed_through(string markdown)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a ", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<span", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("[click](JavaScript:alert(1))")]
    [InlineData("[click](  javascript:alert(1))")]
    [InlineData("[click](java&#09;script:alert(1))")]
    [InlineData("[click](javascript&#58;alert(1))")]
    [InlineData("[click](vbscript:msgbox(1))")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click][evil]\n\n[evil]: javascript:alert(1)")]
    [InlineData("[click](<javascript:alert(1)>)")]
    public void A_link_that_could_run_script_is_replaced_by_its_text(string markdown)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("click", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<data:text/html,hello>")]
    public void An_autolink_that_could_run_script_is_shown_as_plain_text(string markdown)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("![x](javascript:alert(1))")]
    [InlineData("![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)")]
    public void An_image_from_a_script_or_data_address_is_replaced_by_its_alt_text(string markdown)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("x", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[site](https://example.com/policy?a=1)", "https://example.com/policy?a=1")]
    [InlineData("[site](http://example.com)", "http://example.com")]
    [InlineData("[write](mailto:care@example.com)", "mailto:care@example.com")]
    [InlineData("[versions](/policy/versions)", "/policy/versions")]
    [InlineData("[below](#escalation)", "#escalation")]
    [InlineData("[sibling](versions/2)", "versions/2")]
    [InlineData("[time](/notes/10:30)", "/notes/10:30")]
    public void Http_https_mailto_and_relative_links_are_kept(string markdown, string href)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        Assert.Contains($"href=\"{href.Replace("&", "&amp;", StringComparison.Ordinal)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_around_a_removed_link_is_kept_in_order()
    {
        var html = PolicyMarkdown.ToSafeHtml("Before [the **bold** link](javascript:x()) after.");

        Assert.Equal("<p>Before the <strong>bold</strong> link after.</p>", html.Trim());
    }

    [Fact]
    public void A_quote_in_a_link_address_cannot_break_out_of_the_attribute()
    {
        var html = PolicyMarkdown.ToSafeHtml("[x](https://example.com/\"onmouseover=\"alert(1))");

        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("marker <javascript:alert(1)>")]
    [InlineData("marker <JavaScript:alert(1)> and more")]
    [InlineData("- item <vbscript:msgbox(1)>")]
    [InlineData("> quoted <data:text/html,hello>")]
    [InlineData("**bold <javascript:alert(1)>**")]
    [InlineData("| a |\n|---|\n| <javascript:alert(1)> |")]
    public void Markdown_javascript_autolink_after_text_is_not_a_link(string markdown)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("![chart](javascript:alert(1))", "<p>chart</p>")]
    [InlineData("See ![the *big* chart](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=) here.", "<p>See the big chart here.</p>")]
    public void Markdown_unsafe_image_alt_text_is_written_once(string markdown, string expected)
    {
        var html = PolicyMarkdown.ToSafeHtml(markdown);

        Assert.Equal(expected, html.Trim());
    }
}
