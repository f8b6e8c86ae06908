using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRelease.Internal;

/// <summary>
/// Turns the evidence a caller hands the registry into the JSON the audit log stores. The library serialises it, so
/// what is written is always JSON that <c>History --format=json</c> can read back: the log is append-only, and one
/// unreadable row would break every later read of the model's history.
/// </summary>
internal static class EvidenceJson
{
    public static string? Serialize(object? evidence) => evidence switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Undefined } => null,
        JsonElement element => element.GetRawText(),
        JsonNode node => node.ToJsonString(),
        JsonDocument document => document.RootElement.GetRawText(),
        // A string is text, not JSON the caller vouches for: it is stored as a JSON string.
        _ => JsonSerializer.Serialize(evidence, evidence.GetType()),
    };

    /// <summary>A stored row's evidence as JSON; a row an older version wrote as plain text reads as a JSON string.</summary>
    public static JsonElement? Read(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stored);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(stored);
        }
    }
}
