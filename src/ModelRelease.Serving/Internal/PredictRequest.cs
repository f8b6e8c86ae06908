using System.Text.Json;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// A predict body in TF Serving's row format, <c>{"instances":[…]}</c>, with ModelRelease's optional
/// <c>"labels":[1,0,…]</c> (the true label of each instance, 1/0 or true/false) that feeds live performance.
/// </summary>
internal sealed class PredictRequest : IDisposable
{
    private readonly JsonDocument _document;

    private PredictRequest(JsonDocument document, IReadOnlyList<JsonElement> instances, IReadOnlyList<bool>? labels)
    {
        _document = document;
        Instances = instances;
        Labels = labels;
    }

    public IReadOnlyList<JsonElement> Instances { get; }

    public IReadOnlyList<bool>? Labels { get; }

    /// <exception cref="FormatException">The body is not a predict request; the message says what is wrong.</exception>
    public static async Task<PredictRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The request body is not valid JSON ({e.Message}); send {{\"instances\":[{{…}}]}}.", e);
        }

        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The request body should be a JSON object: {\"instances\":[{…}]}.");
            }

            if (!root.TryGetProperty("instances", out var instances))
            {
                throw new FormatException(root.TryGetProperty("inputs", out _)
                    ? "This server takes the row format only: send \"instances\" (one object per example), not \"inputs\"."
                    : "The request has no \"instances\": send {\"instances\":[{…}]}, one object of named inputs per example.");
            }

            if (instances.ValueKind != JsonValueKind.Array || instances.GetArrayLength() == 0)
            {
                throw new FormatException("\"instances\" should be a non-empty array, one object of named inputs per example.");
            }

            var rows = instances.EnumerateArray().ToList();
            var labels = root.TryGetProperty("labels", out var given) ? ReadLabels(given, rows.Count) : null;
            return new PredictRequest(document, rows, labels);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public void Dispose() => _document.Dispose();

    private static List<bool> ReadLabels(JsonElement labels, int count)
    {
        if (labels.ValueKind != JsonValueKind.Array || labels.GetArrayLength() != count)
        {
            throw new FormatException($"\"labels\" should be an array of {count} true labels (1/0 or true/false), one per instance; it has {(labels.ValueKind == JsonValueKind.Array ? labels.GetArrayLength() : 0)}.");
        }

        return labels.EnumerateArray().Select((label, i) => label.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when label.TryGetInt32(out var v) && v is 0 or 1 => v == 1,
            _ => throw new FormatException($"labels[{i}] is {label.GetRawText()}; a true label is 1/0 or true/false."),
        }).ToList();
    }
}
