using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SanLing.Web.Features.Shared;

public static class ValidationMessages
{
    /// <summary>
    /// The validator's messages by their fields, except where the posted value could not be read at all: that field
    /// already says "“2026-13-45”不是有效的值", and "请填写日期" beside it would be wrong.
    /// </summary>
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState)
    {
        var unreadable = modelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var error in result.Errors.Where(e => !unreadable.Contains(e.PropertyName)))
        {
            modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }
    }
}
