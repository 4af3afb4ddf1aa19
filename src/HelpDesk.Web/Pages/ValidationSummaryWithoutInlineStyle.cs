using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Pages;

/// <summary>
/// The built-in validation summary writes a hidden placeholder <c>&lt;li style="display:none"&gt;</c> for
/// client-side validation, which HelpDesk does not use; the Content-Security-Policy forbids inline
/// styles, so the placeholder is dropped. Runs after the built-in tag helper on every page.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutInlineStyle : TagHelper
{
    private const string Placeholder = "<li style=\"display:none\"></li>";

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var content = output.PostContent.GetContent();
        if (content.Contains(Placeholder, StringComparison.Ordinal))
        {
            output.PostContent.SetHtmlContent(content.Replace(Placeholder, "", StringComparison.Ordinal));
        }
    }
}
