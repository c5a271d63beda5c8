using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace SanLing.Infrastructure.Security;

/// <summary>
/// The before/after values of personal fields in the audit trail (<see cref="Domain.Common.PersonalAttribute"/>), kept
/// encrypted with Data Protection like the records themselves: in the trail's JSON such a field reads
/// <c>{"Name": {"protected": "…"}}</c>. The chain hashes this stored text, so checking the chain needs no key.
/// </summary>
public sealed class AuditFieldProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "SanLing.Audit";
    private const string ProtectedProperty = "protected";

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    /// <summary>The stored form of one field's [before, after].</summary>
    public IReadOnlyDictionary<string, string> Protect(object?[] beforeAndAfter) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [ProtectedProperty] = _protector.Protect(JsonSerializer.Serialize(beforeAndAfter, Json)) };

    /// <summary>The trail's JSON with every protected field decrypted: for the system administrator only.</summary>
    public string? Reveal(string? changes, string unreadable) => Rewrite(changes, cipher =>
    {
        try
        {
            return JsonNode.Parse(_protector.Unprotect(cipher));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException)
        {
            return JsonValue.Create(unreadable);
        }
    });

    /// <summary>The trail's JSON with every protected field shown as <paramref name="placeholder"/>.</summary>
    public static string? Conceal(string? changes, string placeholder) => Rewrite(changes, _ => JsonValue.Create(placeholder));

    private static string? Rewrite(string? changes, Func<string, JsonNode?> replace)
    {
        if (string.IsNullOrEmpty(changes) || !changes.Contains("\"" + ProtectedProperty + "\"", StringComparison.Ordinal))
        {
            return changes;
        }
        JsonObject? fields;
        try
        {
            fields = JsonNode.Parse(changes) as JsonObject;
        }
        catch (JsonException)
        {
            return changes;
        }
        if (fields is null)
        {
            return changes;
        }
        foreach (var (name, value) in fields.ToList())
        {
            if (value is JsonObject { Count: 1 } wrapper && wrapper[ProtectedProperty] is JsonValue cipher && cipher.TryGetValue<string>(out var text))
            {
                fields[name] = replace(text);
            }
        }
        return fields.ToJsonString(Json);
    }
}
