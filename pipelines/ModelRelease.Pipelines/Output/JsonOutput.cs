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

    /// <summary>Controls are escaped by JSON itself (a raw one here is the indentation's newline); the rest of DisplayText's set is not.</summary>
    private static bool IsRawInString(char c) => !char.IsControl(c) && DisplayText.NeedsEscape(c);
}
