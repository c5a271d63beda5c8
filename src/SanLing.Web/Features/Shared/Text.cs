namespace SanLing.Web.Features.Shared;

public static class Text
{
    /// <summary>Trimmed, or null when blank: forms never store whitespace.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
