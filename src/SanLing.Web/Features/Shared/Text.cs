namespace SanLing.Web.Features.Shared;

public static class Text
{
    /// <summary>Trimmed, or null when blank: forms never store whitespace.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>How a save ended: written, the record is gone or out of scope (404), or someone saved it first.</summary>
public enum SaveOutcome
{
    Saved,
    NotFound,
    Stale,
}
