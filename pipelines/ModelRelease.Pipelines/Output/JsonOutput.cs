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
}
