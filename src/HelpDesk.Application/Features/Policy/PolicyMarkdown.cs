using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HelpDesk.Application.Features.Policy;

/// <summary>
/// Turns the policy's Markdown into HTML that is safe to put on a public page: raw HTML is shown as
/// text, never passed through, and a link or image whose address could run script (javascript:,
/// vbscript:, data:, ...) is replaced by its text. Only http, https, mailto and relative addresses survive.
/// </summary>
public static class PolicyMarkdown
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    // No generic-attributes or raw-HTML extensions: either would let the text inject attributes or tags.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .Build();

    public static string ToSafeHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafeAddress(link.Url))
            {
                ReplaceWithItsText(link);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafeAddress(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>
    /// True for http, https and mailto addresses and for relative ones. Browsers ignore tabs, line
    /// breaks and leading spaces in an address ("java&#9;script:"), so they are removed before the
    /// scheme is read.
    /// </summary>
    public static bool IsSafeAddress(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var compact = new string(url.Where(c => c > ' ' && c != '\u007f').ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        // A colon after the first '/', '?' or '#' belongs to the path, query or fragment: the address is relative.
        var pathStart = compact.IndexOfAny(['/', '?', '#']);
        if (pathStart >= 0 && pathStart < colon)
        {
            return true;
        }

        var scheme = compact[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>An image's description as its alt text: the words of every inline in it, in order, without markup.</summary>
    private static string PlainText(ContainerInline container) =>
        string.Concat(EnumerateChildren(container).Select(child => child switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            AutolinkInline autolink => autolink.Url,
            ContainerInline nested => PlainText(nested),
            _ => "",
        }));

    private static IEnumerable<Inline> EnumerateChildren(ContainerInline container)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            yield return child;
        }
    }

    private static void ReplaceWithItsText(LinkInline link)
    {
        if (link.IsImage)
        {
            var alt = PlainText(link);
            // ReplaceBy copies the children by default, which would write the alt text a second time.
            link.ReplaceBy(new LiteralInline(alt), copyChildren: false);
            return;
        }

        foreach (var child in EnumerateChildren(link).ToList())
        {
            child.Remove();
            link.InsertBefore(child);
        }

        link.Remove();
    }
}
