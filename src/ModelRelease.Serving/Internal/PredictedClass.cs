using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRelease.Serving.Internal;

/// <summary>The class a binary classifier's prediction says: <c>PredictedLabel</c> when present, else <c>Probability &gt;= 0.5</c>.</summary>
internal static class PredictedClass
{
    public static bool? Of(IReadOnlyDictionary<string, JsonNode?> outputs)
    {
        if (outputs.TryGetValue("PredictedLabel", out var label) && First(label) is { } l)
        {
            return l.GetValueKind() switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => Number(l) >= 0.5,
                _ => null,
            };
        }

        return outputs.TryGetValue("Probability", out var probability) && First(probability) is { } p && p.GetValueKind() == JsonValueKind.Number
            ? Number(p) >= 0.5
            : null;
    }

    // The runtime's values keep their CLR type (float, long…), so read the number from its JSON text.
    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    // A model may give each output as a one-element array; the first value is the instance's.
    private static JsonValue? First(JsonNode? node) => node switch
    {
        JsonValue value => value,
        JsonArray array when array.Count > 0 => First(array[0]),
        _ => null,
    };
}
