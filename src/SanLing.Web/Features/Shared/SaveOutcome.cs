namespace SanLing.Web.Features.Shared;

/// <summary>How a write ended, for every command of the portal. Anything but <see cref="Saved"/> wrote nothing.</summary>
public enum SaveOutcome
{
    /// <summary>Written.</summary>
    Saved,

    /// <summary>The record is gone or outside the user's scope (404).</summary>
    NotFound,

    /// <summary>Someone saved the record since the user loaded it.</summary>
    Stale,

    /// <summary>The month is locked by the office.</summary>
    Locked,

    /// <summary>The record's present state does not allow the change (the command says why).</summary>
    Refused,

    /// <summary>It was so already (published, locked …).</summary>
    Unchanged,
}
