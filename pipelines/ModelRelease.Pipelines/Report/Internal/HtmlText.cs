using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>
/// Text from the store (names, reasons, metric names, queries) made safe for the page: encoded for HTML text and
/// attributes, and data for the script serialised so no value can close its script element.
/// </summary>
internal static class HtmlText
{
    private static readonly JsonSerializerOptions ScriptJson = new()
    {
        // The default encoder already writes '<', '>', '&' and quotes as \uXXXX; said explicitly because the page
        // relies on it: "</script>" in a reason must never end the data element.
        Encoder = JavaScriptEncoder.Default,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>HTML-encoded text for an element's content or a quoted attribute value; control characters become spaces.</summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var visible = string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) && source[i] is not '\n' ? ' ' : source[i];
            }
        });
        return WebUtility.HtmlEncode(visible);
    }

    /// <summary><paramref name="value"/> as JSON to embed in a <c>&lt;script type="application/json"&gt;</c>.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value, ScriptJson).Replace("<", "\\u003c", StringComparison.Ordinal);

    /// <summary>A number for an SVG coordinate: invariant culture, two decimals.</summary>
    public static string Coordinate(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A metric value as the terminal tables show it.</summary>
    public static string Number(double? value) => value is { } v ? ReleaseText.Number(v) : "—";

    /// <summary>A difference with its sign, "+0.02" or "-0.01".</summary>
    public static string Signed(double? change) => change switch
    {
        null => "—",
        > 0 => "+" + ReleaseText.Number(change.Value),
        _ => ReleaseText.Number(change.Value),
    };
}
