using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Pages;

/// <summary>
/// Gives each field's message an id (<c>Input_Email-error</c>, unless the page chose one) so that the
/// field can point at it with <c>aria-describedby</c> (docs/accessibility.md).
/// </summary>
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
[HtmlTargetElement("span", Attributes = "data-valmsg-for")]
public sealed class FieldErrorMessage : TagHelper
{
    public override int Order => 1000;

    [HtmlAttributeName("asp-validation-for")]
    public ModelExpression? For { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var key = For is null
            ? FieldErrorState.Text(output, "data-valmsg-for")
            : ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (output.TagName is null || string.IsNullOrEmpty(key))
        {
            return;
        }
        var id = FieldErrorState.Text(output, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = FormErrorTargets.IdFor(key) + "-error";
            output.Attributes.SetAttribute("id", id);
        }
        FormErrorTargets.Of(ViewContext).Message(key, id);
    }
}
