using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Localization;

namespace SanLing.Web.Setup;

/// <summary>
/// What the user reads when a posted value cannot even be read (a date like 2026-13-45, a number like 十二): a short
/// message by the field, in the page's language (keys are the Chinese text, translated in SharedResource.en.resx).
/// </summary>
public static class ModelBindingMessages
{
    public static void Localise(DefaultModelBindingMessageProvider messages, IStringLocalizer text)
    {
        messages.SetValueMustNotBeNullAccessor(_ => text["此项不能为空"]);
        messages.SetAttemptedValueIsInvalidAccessor((value, _) => text["“{0}”不是有效的值", Shorten(value)]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => text["“{0}”不是有效的值", Shorten(value)]);
        messages.SetValueIsInvalidAccessor(_ => text["值无效"]);
        messages.SetUnknownValueIsInvalidAccessor(_ => text["值无效"]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => text["值无效"]);
        messages.SetValueMustBeANumberAccessor(_ => text["请输入数字"]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => text["请输入数字"]);
        messages.SetMissingBindRequiredValueAccessor(_ => text["缺少必填项"]);
        messages.SetMissingKeyOrValueAccessor(() => text["缺少值"]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => text["请求内容为空"]);
    }

    /// <summary>The posted value as shown back: at most 20 characters, without control characters.</summary>
    private static string Shorten(string value)
    {
        var visible = new string(value.Where(c => !char.IsControl(c)).ToArray());
        return visible.Length <= 20 ? visible : visible[..20] + "…";
    }
}
