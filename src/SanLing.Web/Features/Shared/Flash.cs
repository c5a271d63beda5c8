using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace SanLing.Web.Features.Shared;

/// <summary>How a message carried to the next page looks: green when done, amber when nothing needed doing, red when it failed.</summary>
public enum FlashKind
{
    Success,
    Warning,
    Danger,
}

/// <summary>
/// A one-line message for the next page (after a redirect), shown by the layout in the colour of its kind, so that a
/// failure is never announced in the green of a success.
/// </summary>
public static class Flash
{
    private const string Prefix = "Flash.";

    public static void Success(this ITempDataDictionary tempData, string text) => tempData[Prefix + FlashKind.Success] = text;

    public static void Warning(this ITempDataDictionary tempData, string text) => tempData[Prefix + FlashKind.Warning] = text;

    public static void Danger(this ITempDataDictionary tempData, string text) => tempData[Prefix + FlashKind.Danger] = text;

    /// <summary>The messages waiting for this page (read once), most serious first.</summary>
    public static IReadOnlyList<(FlashKind Kind, string Text)> Take(ITempDataDictionary tempData) =>
        new[] { FlashKind.Danger, FlashKind.Warning, FlashKind.Success }
            .Select(kind => (kind, tempData[Prefix + kind] as string))
            .Where(m => m.Item2 is not null)
            .Select(m => (m.kind, m.Item2!))
            .ToList();
}
