using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Pages;

/// <summary>
/// Every form's error summary, written one way (docs/accessibility.md): after a failed submit the first
/// summary on the page takes the focus (<c>tabindex="-1"</c> and <c>autofocus</c>, no script), and each
/// message links to the field it is about. Runs after the built-in validation summary and replaces its
/// list, which also drops the hidden <c>&lt;li style="display:none"&gt;</c> placeholder that the
/// Content-Security-Policy (no inline styles) would refuse. A summary with nothing to say is not drawn.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ErrorSummary : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-summary")]
    public ValidationSummary Shows { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.TagName is null || Shows == ValidationSummary.None)
        {
            return;
        }
        var modelState = ViewContext.ViewData.ModelState;
        var prefix = ViewContext.ViewData.TemplateInfo.HtmlFieldPrefix;
        var errors = modelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Where(entry => Shows == ValidationSummary.All || string.Equals(entry.Key, prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(entry => string.Equals(entry.Key, prefix, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .SelectMany(entry => entry.Value!.Errors.Select(error => (entry.Key, Message: Message(error))))
            .Where(error => error.Message.Length > 0)
            .ToList();
        if (errors.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        var targets = FormErrorTargets.Of(ViewContext);
        output.Attributes.SetAttribute("tabindex", "-1");
        if (!targets.SummaryFocused)
        {
            targets.SummaryFocused = true;
            output.Attributes.SetAttribute("autofocus", "autofocus");
        }
        var list = new HtmlContentBuilder();
        list.AppendHtml("<ul>");
        foreach (var (key, message) in errors)
        {
            list.AppendHtml(new Item(targets, key, message));
        }
        list.AppendHtml("</ul>");
        output.PostContent.SetHtmlContent(list);
    }

    private static string Message(ModelError error) =>
        !string.IsNullOrEmpty(error.ErrorMessage) ? error.ErrorMessage
        : error.Exception is null ? "" : "The value is not valid.";

    /// <summary>One message, a link when the page has a control for its field; resolved when the page is written.</summary>
    private sealed class Item(FormErrorTargets targets, string key, string message) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            var id = key.Length == 0 ? null : targets.FieldId(key);
            writer.Write("<li>");
            if (id is not null)
            {
                writer.Write("<a href=\"#");
                encoder.Encode(writer, id);
                writer.Write("\">");
                encoder.Encode(writer, message);
                writer.Write("</a>");
            }
            else
            {
                encoder.Encode(writer, message);
            }
            writer.Write("</li>");
        }
    }
}
