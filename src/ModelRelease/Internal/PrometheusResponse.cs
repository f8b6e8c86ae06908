using System.Net;
using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// Reads the body of a Prometheus HTTP API instant query (<c>/api/v1/query</c>) into one <see cref="MetricResult"/>:
/// a single number, no data, or why not. Analysis compares one number per version, so several series are an error
/// that tells the author to aggregate, not a value picked at random.
/// </summary>
internal static class PrometheusResponse
{
    public static MetricResult Read(HttpStatusCode status, string body)
    {
        var snippet = Snippet(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return Http(status, snippet) ?? MetricResult.Failure(MetricErrorKind.MalformedResponse, $"the response is not JSON ({e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]})").WithRaw(snippet);
        }

        using (document)
        {
            var root = document.RootElement;
            var state = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (state == "error" && status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
            {
                var type = Text(root, "errorType") ?? "error";
                var error = Text(root, "error") ?? "no error text";
                return MetricResult.Failure(MetricErrorKind.QueryRejected, $"Prometheus rejected the query ({type}): {error}").WithRaw(snippet);
            }

            if (Http(status, snippet) is { } failure)
            {
                return failure;
            }

            if (state != "success" || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return Malformed("it has no \"status\": \"success\" with a \"data\" object", snippet);
            }

            var resultType = Text(data, "resultType");
            if (!data.TryGetProperty("result", out var result))
            {
                return Malformed("\"data\" has no \"result\"", snippet);
            }

            return resultType switch
            {
                "vector" => Vector(result, snippet),
                "scalar" => Sample(result, snippet),
                "matrix" => MetricResult.Failure(MetricErrorKind.NotAScalar, "the query returned a range vector (matrix), not one number; wrap the range selector in a function such as rate() and aggregate with sum() or avg()").WithRaw(snippet),
                "string" => MetricResult.Failure(MetricErrorKind.NotAScalar, "the query returned a string, not a number").WithRaw(snippet),
                _ => Malformed($"\"resultType\" is {(resultType is null ? "missing" : $"\"{resultType}\"")}", snippet),
            };
        }
    }

    private static MetricResult Vector(JsonElement result, string snippet)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            return Malformed("the vector \"result\" is not an array", snippet);
        }

        var count = result.GetArrayLength();
        if (count == 0)
        {
            return MetricResult.NoData("the query returned no series");
        }

        if (count > 1)
        {
            return MetricResult.Failure(MetricErrorKind.NotAScalar, $"the query returned {count} series; aggregate with sum() or avg() (e.g. sum by () (…)) so it returns one number").WithRaw(snippet);
        }

        var series = result[0];
        return series.ValueKind == JsonValueKind.Object && series.TryGetProperty("value", out var value)
            ? Sample(value, Snippet(series.GetRawText()))
            : Malformed("the series has no \"value\"", snippet);
    }

    // A sample is [<unix time>, "<value>"]: the value is a string so that NaN and ±Inf survive JSON.
    private static MetricResult Sample(JsonElement sample, string raw)
    {
        if (sample.ValueKind != JsonValueKind.Array || sample.GetArrayLength() != 2 || sample[1].ValueKind != JsonValueKind.String)
        {
            return Malformed("a sample is not [time, \"value\"]", raw);
        }

        var text = sample[1].GetString();
        return MetricValueText.Parse(text) is { } number
            ? MetricResult.Of(number, raw)
            : Malformed($"the sample value \"{DisplayText.Escape(text)}\" is not a number", raw);
    }

    private static MetricResult? Http(HttpStatusCode status, string snippet) =>
        (int)status is >= 200 and < 300
            ? null
            : MetricResult.Failure(MetricErrorKind.HttpStatus, $"Prometheus answered HTTP {(int)status} {status}").WithRaw(snippet);

    private static MetricResult Malformed(string why, string snippet) =>
        MetricResult.Failure(MetricErrorKind.MalformedResponse, $"the response is not a Prometheus query result: {why}").WithRaw(snippet);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Snippet(string body) => body.Length > MetricResult.MaxRawLength ? body[..MetricResult.MaxRawLength] : body;
}
