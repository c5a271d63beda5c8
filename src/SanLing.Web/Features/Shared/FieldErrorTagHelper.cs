using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Features.Shared;

/// <summary><c>&lt;field-error name="Code" /&gt;</c>: the model-state errors of one posted field, by its form name.</summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    public string Name { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    /// <summary>The names whose errors a field-error of this page has shown (see <see cref="OtherErrorsTagHelper"/>).</summary>
    internal static HashSet<string> Shown(ViewContext viewContext)
    {
        var items = viewContext.HttpContext.Items;
        if (items[typeof(FieldErrorTagHelper)] is not HashSet<string> shown)
        {
            shown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            items[typeof(FieldErrorTagHelper)] = shown;
        }
        return shown;
    }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        Shown(ViewContext).Add(Name);
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "invalid-feedback d-block");
        output.Attributes.SetAttribute("data-field", Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(Name, out var entry) && entry.Errors.Count > 0)
        {
            output.Content.SetContent(string.Join(localizer["；"].Value, entry.Errors.Select(e => e.ErrorMessage)));
        }
        else
        {
            output.SuppressOutput();
        }
    }
}

/// <summary>
/// <c>&lt;other-errors /&gt;</c>, after a form's fields: the errors of posted values no field shows (a check box or a
/// hidden token that a client sent unreadable), so that a refused form always says why.
/// </summary>
[HtmlTargetElement("other-errors", TagStructure = TagStructure.WithoutEndTag)]
public sealed class OtherErrorsTagHelper(IStringLocalizer<SharedResource> localizer) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var shown = FieldErrorTagHelper.Shown(ViewContext);
        var messages = ViewContext.ViewData.ModelState
            .Where(e => e.Key.Length > 0 && !shown.Contains(e.Key))
            .SelectMany(e => e.Value!.Errors.Select(x => x.ErrorMessage))
            .Distinct()
            .ToList();
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "alert alert-danger py-2 small");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("id", "other-errors");
        output.Content.SetContent(string.Join(localizer["；"].Value, messages));
    }
}
