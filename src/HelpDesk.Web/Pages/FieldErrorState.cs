using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Pages;

/// <summary>
/// Every form control says when its value was refused (docs/accessibility.md): <c>aria-invalid="true"</c>,
/// and <c>aria-describedby</c> gains the id of its message (after any hint it already names). It also
/// tells the error summary which element a field's link should reach. The field is the control's
/// <c>name</c> as bound, so hand-written controls are covered as well as <c>asp-for</c> ones.
/// </summary>
[HtmlTargetElement("input", Attributes = "name")]
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "name")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "name")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class FieldErrorState : TagHelper
{
    private static readonly HashSet<string> NotFields = new(StringComparer.OrdinalIgnoreCase) { "hidden", "submit", "button", "reset", "image" };

    public override int Order => 1000;

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var name = Text(output, "name");
        if (output.TagName is null || string.IsNullOrEmpty(name) || NotFields.Contains(Text(output, "type") ?? ""))
        {
            return;
        }
        var targets = FormErrorTargets.Of(ViewContext);
        var id = Text(output, "id");
        if (!string.IsNullOrEmpty(id))
        {
            targets.Field(name, id);
        }
        if (!ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) || entry.Errors.Count == 0)
        {
            return;
        }
        output.Attributes.SetAttribute("aria-invalid", "true");
        output.Attributes.SetAttribute("aria-describedby", new DescribedBy(targets, name, Text(output, "aria-describedby")));
    }

    internal static string? Text(TagHelperOutput output, string attribute)
    {
        if (!output.Attributes.TryGetAttribute(attribute, out var found) || found.Value is null)
        {
            return null;
        }
        if (found.Value is string text)
        {
            return text;
        }
        if (found.Value is HtmlString html)
        {
            return System.Net.WebUtility.HtmlDecode(html.Value);
        }
        if (found.Value is IHtmlContent content)
        {
            using var writer = new StringWriter();
            content.WriteTo(writer, HtmlEncoder.Default);
            return System.Net.WebUtility.HtmlDecode(writer.ToString());
        }
        return found.Value.ToString();
    }

    /// <summary>The hints the control names, then its message's id; resolved when the page is written, after the message has its id.</summary>
    private sealed class DescribedBy(FormErrorTargets targets, string name, string? hints) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var ids = (hints ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (targets.MessageId(name) is { } message && !ids.Contains(message, StringComparer.Ordinal))
            {
                ids.Add(message);
            }
            encoder.Encode(writer, string.Join(' ', ids));
        }
    }
}
