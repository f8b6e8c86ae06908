using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// One spelling of a JSON value, whatever spelled it: object keys in ordinal order, no whitespace, numbers as
/// round-trip doubles, strings escaped one way. PostgreSQL's jsonb reorders keys and rewrites numbers and escapes,
/// so a copied store is compared through this, not by its raw text.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(string json)
    {
        using var document = JsonDocument.Parse(json);
        var text = new StringBuilder(json.Length);
        Append(text, document.RootElement);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",").Append(JsonSerializer.Serialize(property.Name)).Append(':');
                    Append(text, property.Value);
                    first = false;
                }

                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    text.Append(index++ == 0 ? "" : ",");
                    Append(text, item);
                }

                text.Append(']');
                break;
            case JsonValueKind.String:
                text.Append(JsonSerializer.Serialize(element.GetString()));
                break;
            case JsonValueKind.Number:
                text.Append(element.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(element.GetRawText());
                break;
        }
    }
}
