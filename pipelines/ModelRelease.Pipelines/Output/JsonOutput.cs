using System.Text.Encodings.Web;
using System.Text.Json;

namespace ModelRelease.Pipelines.Output;

/// <summary>The JSON settings of <c>--format=json</c>: indented, camelCase names, and characters such as → kept readable.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// <paramref name="value"/> as JSON that prints safely. The relaxed encoder leaves bidi overrides and U+2028/2029 raw,
    /// and a GitHub Actions runner acts on "##[" anywhere in a line (its older command syntax). Neither is ever JSON
    /// syntax, so each can only be inside a string, where its \uXXXX escape is the same value.
    /// </summary>
    public static string Serialize(object value) =>
        DisplayText.Escape(JsonSerializer.Serialize(value, Options).Replace("##[", "##\\u005B", StringComparison.Ordinal), IsRawInString);

    /// <summary>
    /// Writes <c>{ "<paramref name="name"/>": [ …items… ], …<paramref name="after"/>… }</c> one item at a time, as
    /// <see cref="Serialize"/> would write the whole document: a registry with years of history streams out instead of
    /// being held as one large string.
    /// </summary>
    public static void WriteDocument(TextWriter writer, string name, IEnumerable<object> items, IReadOnlyDictionary<string, object?>? after = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.Write("{\n  " + JsonSerializer.Serialize(name, Options) + ": [");
        var first = true;
        foreach (var item in items)
        {
            // Serialize indents from column 0; an item of the array sits 4 columns in. A raw newline in its text is
            // always indentation (JSON escapes the ones inside strings).
            writer.Write((first ? "\n    " : ",\n    ") + Serialize(item).Replace("\n", "\n    ", StringComparison.Ordinal));
            first = false;
        }

        writer.Write(first ? "]" : "\n  ]");
        foreach (var (key, value) in after ?? new Dictionary<string, object?>())
        {
            writer.Write(",\n  " + JsonSerializer.Serialize(key, Options) + ": " + Serialize(value!).Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        writer.WriteLine("\n}");
    }

    /// <summary>Controls are escaped by JSON itself (a raw one here is the indentation's newline); the rest of DisplayText's set is not.</summary>
    private static bool IsRawInString(char c) => !char.IsControl(c) && DisplayText.NeedsEscape(c);
}
