using System.Text.Json;
using ModelRelease.Onnx.Internal;

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
        using var reader = File.OpenText(path);
        foreach (var (lineNumber, body) in JsonLines.Read(reader, path, $"a predict body: {Shape}"))
        {
            if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("instances", out var batch) || batch.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{path} line {lineNumber} has no \"instances\" array; each line is a predict body: {Shape}.");
            }

            instances.AddRange(batch.EnumerateArray());
        }

        return instances.Count > 0 ? instances : throw new InvalidDataException($"The request file {path} holds no instances; write one predict body a line: {Shape}.");
    }

    private const string Shape = "{\"instances\": [{\"text\": \"great film\"}]}";
}
