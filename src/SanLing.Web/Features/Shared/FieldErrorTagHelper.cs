using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace SanLing.Web.Features.Shared;

/// <summary><c>&lt;field-error name="Code" /&gt;</c>: the model-state errors of one posted field, by its form name.</summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    public string Name { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "invalid-feedback d-block");
        output.Attributes.SetAttribute("data-field", Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.Errors.Count > 0)
        {
            output.Content.SetContent(string.Join("；", entry.Errors.Select(e => e.ErrorMessage)));
        }
        else
        {
            output.SuppressOutput();
        }
    }
}
