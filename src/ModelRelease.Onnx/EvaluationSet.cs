using System.Security.Cryptography;
using System.Text.Json;
using ModelRelease.Onnx.Internal;

namespace ModelRelease.Onnx;

/// <summary>
/// A labelled evaluation set in JSON Lines, one example a line: <c>{"instance": {"text": "…"}, "label": 1, "slice": "movies"}</c>
/// (label 1/0 or true/false; slice optional). Candidate and stable are scored on the same set, so "no regression"
/// compares two numbers measured on the same data.
/// </summary>
public sealed class EvaluationSet
{
    private EvaluationSet(string path, IReadOnlyList<EvaluationExample> examples, string digest)
    {
        Path = path;
        Examples = examples;
        Digest = digest;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>The examples, in file order.</summary>
    public IReadOnlyList<EvaluationExample> Examples { get; }

    /// <summary>The file's SHA-256 (<c>sha256:…</c>), recorded with the evaluation so it says which data it was measured on.</summary>
    public string Digest { get; }

    /// <summary>The slices that occur, in order of first appearance.</summary>
    public IReadOnlyList<string> Slices => Examples.Select(e => e.Slice).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Reads an evaluation set; a malformed line is an error naming the line and the expected shape.</summary>
    /// <exception cref="InvalidDataException">The file is missing, empty, or a line is not a labelled example.</exception>
    public static EvaluationSet Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"The evaluation set {path} does not exist; give a JSON Lines file of labelled examples, e.g. --eval-data=eval/holdout.jsonl.");
        }

        var bytes = File.ReadAllBytes(path);
        using var reader = new StreamReader(new MemoryStream(bytes));
        var examples = JsonLines.Read(reader, path, $"one example: {Shape}").Select(line => Parse(path, line.Line, line.Value)).ToList();

        if (examples.Count == 0)
        {
            throw new InvalidDataException($"The evaluation set {path} holds no examples; write one JSON object a line: {Shape}.");
        }

        return new EvaluationSet(path, examples, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private const string Shape = "{\"instance\": {\"text\": \"…\"}, \"label\": 1, \"slice\": \"movies\"}";

    private static EvaluationExample Parse(string path, int lineNumber, JsonElement root)
    {
        string Where() => $"{path} line {lineNumber}";
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("instance", out var instance))
        {
            throw new InvalidDataException($"{Where()} has no \"instance\"; each line is one example: {Shape}.");
        }

        if (!root.TryGetProperty("label", out var labelValue))
        {
            throw new InvalidDataException($"{Where()} has no \"label\"; give the true class as 1 or 0 (or true/false): {Shape}.");
        }

        var label = labelValue.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when labelValue.TryGetInt32(out var n) && n is 0 or 1 => n == 1,
            _ => throw new InvalidDataException($"{Where()} has label {labelValue.GetRawText()}; a label is 1 or 0 (or true/false)."),
        };
        string? slice = null;
        if (root.TryGetProperty("slice", out var sliceValue) && sliceValue.ValueKind != JsonValueKind.Null)
        {
            slice = sliceValue.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(sliceValue.GetString())
                ? sliceValue.GetString()
                : throw new InvalidDataException($"{Where()} has slice {sliceValue.GetRawText()}; a slice is a non-empty string, e.g. \"movies\".");
        }

        return new EvaluationExample(instance, label, slice);
    }
}
