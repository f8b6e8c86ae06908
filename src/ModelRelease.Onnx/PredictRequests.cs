using System.Text.Json;

namespace ModelRelease.Onnx;

/// <summary>
/// A request file: JSON Lines, each a TF Serving predict body <c>{"instances": [{"text": "…"}]}</c>, the same shape
/// Serve answers. InfraValidate warms a candidate up with them; the load generator replays them.
/// </summary>
public static class PredictRequests
{
    /// <summary>Every instance of every request in the file, in order.</summary>
    /// <exception cref="InvalidDataException">The file is missing, holds no instance, or a line is not a predict body.</exception>
    public static IReadOnlyList<JsonElement> LoadInstances(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The request file {path} does not exist; give a JSON Lines file of predict bodies, one a line: {Shape}.");
        }

        var instances = new List<JsonElement>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("instances", out var batch) || batch.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"{path} line {lineNumber} has no \"instances\" array; each line is a predict body: {Shape}.");
                }

                instances.AddRange(batch.EnumerateArray().Select(i => i.Clone()));
            }
            catch (JsonException failure)
            {
                throw new InvalidDataException($"{path} line {lineNumber} is not JSON ({failure.Message}); each line is a predict body: {Shape}.");
            }
        }

        return instances.Count > 0 ? instances : throw new InvalidDataException($"The request file {path} holds no instances; write one predict body a line: {Shape}.");
    }

    private const string Shape = "{\"instances\": [{\"text\": \"great film\"}]}";
}
