using System.Globalization;
using Microsoft.Extensions.Localization;
using SanLing.Domain.Rules;

namespace SanLing.Web.Features.Shared;

/// <summary>
/// Turns the Domain rules' violations into form failures in the user's language: the Chinese text is the key of
/// SharedResource (English in Resources/SharedResource.en.resx), so the form says what the import says.
/// </summary>
public static class RuleViolations
{
    public static string Text(this IStringLocalizer localizer, RuleViolation violation) =>
        RuleMessages.Format(violation, s => localizer[s].Value, CultureInfo.CurrentUICulture);

    /// <summary>Adds each violation by its field (renamed where the form calls it otherwise).</summary>
    public static void AddViolations<T>(this ValidationContext<T> context, IEnumerable<RuleViolation> violations, IStringLocalizer localizer,
        IReadOnlyDictionary<string, string>? formFieldOf = null)
    {
        foreach (var violation in violations)
        {
            var field = formFieldOf is not null && formFieldOf.TryGetValue(violation.Field, out var renamed) ? renamed : violation.Field;
            context.AddFailure(field, localizer.Text(violation));
        }
    }
}
