using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// The small JSON documents every release command writes or reads (the step journal, a run's arguments, a version's
/// manifest, hyperparameters and metrics, the root's marker, the evidence of a push, a prune or a canary's weight),
/// written with <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/> rather than
/// <see cref="JsonSerializer"/>.
/// </summary>
/// <remarks>
/// The serializer builds reflection metadata (and emits accessors) for each type the first time it meets it: tens of
/// milliseconds of a command that moves one label. The writer and the document are precompiled with the framework.
/// The text is the serializer's own (same escaping, same date and number formats), so what either wrote reads back
/// with the other; a document of the wrong shape is a <see cref="JsonException"/>, as the serializer's was.
/// </remarks>
internal static class JsonText
{
    /// <summary>The text <paramref name="write"/> writes.</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>What <paramref name="read"/> makes of the document <paramref name="json"/>.</summary>
    public static T Read<T>(string json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json);
        return read(document.RootElement);
    }

    /// <summary>An object of strings (a null value written as null), in the pairs' order.</summary>
    public static string StringMap(IEnumerable<KeyValuePair<string, string?>> pairs) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in pairs)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    });

    /// <summary>A version's metrics as the serializer wrote a number dictionary: an object of numbers, in the dictionary's order.</summary>
    public static string NumberDictionary(IReadOnlyDictionary<string, double> map) => Write(writer =>
    {
        writer.WriteStartObject();
        foreach (var (name, value) in map)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
    });

    /// <summary>An object whose values are strings (or null), as a dictionary; a repeated name keeps its last value.</summary>
    public static Dictionary<string, string> ReadStringMap(JsonElement element)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in Object(element).EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Null => null!,
                _ => throw Shape($"'{property.Name}'", "a string"),
            };
        }

        return map;
    }

    /// <summary>An object whose values are finite numbers, as a dictionary; a repeated name keeps its last value.</summary>
    public static Dictionary<string, double> ReadNumberMap(JsonElement element)
    {
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in Object(element).EnumerateObject())
        {
            // A number too large for a double (1e999) would read as infinity, which no JSON can write back.
            map[property.Name] = property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var number) && double.IsFinite(number)
                ? number
                : throw Shape($"'{property.Name}'", "a finite number");
        }

        return map;
    }

    /// <summary>An array of strings.</summary>
    public static List<string> ReadStrings(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Shape(what, "an array of strings");
        }

        var strings = new List<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            strings.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Shape(what, "an array of strings"));
        }

        return strings;
    }

    /// <summary>The object's property <paramref name="name"/>, which must be there.</summary>
    public static JsonElement Required(JsonElement element, string name) =>
        Object(element).TryGetProperty(name, out var value) ? value : throw new JsonException($"The JSON object has no '{name}'.");

    public static string RequiredString(JsonElement element, string name) =>
        Required(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : throw Shape($"'{name}'", "a string");

    public static long RequiredInt64(JsonElement element, string name) =>
        Required(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number)
            ? number
            : throw Shape($"'{name}'", "a whole number");

    public static DateTimeOffset RequiredTime(JsonElement element, string name) =>
        Required(element, name) is { ValueKind: JsonValueKind.String } value && value.TryGetDateTimeOffset(out var time)
            ? time
            : throw Shape($"'{name}'", "an ISO 8601 time");

    private static JsonElement Object(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Shape("The JSON value", "an object");

    private static JsonException Shape(string what, string expected) => new($"{what} is not {expected}.");
}
