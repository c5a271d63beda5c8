using Microsoft.Extensions.Localization;

namespace SanLing.Web.Tests.Support;

/// <summary>The zh-CN localizer for unit-testing validators: the Chinese text is the resource key, so it comes back as is.</summary>
public sealed class ChineseLocalizer<T> : IStringLocalizer<T>
{
    public LocalizedString this[string name] => new(name, name, resourceNotFound: false);

    public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(name, arguments), resourceNotFound: false);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
