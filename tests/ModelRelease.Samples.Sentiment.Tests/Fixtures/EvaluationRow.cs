using System.Text.Json;

namespace ModelRelease.Samples.Sentiment.Tests.Fixtures;

/// <summary>One line of <see cref="SentimentData.WriteEvaluationSet"/>'s file, read back as its consumers would.</summary>
public sealed record EvaluationRow(string Text, bool Positive, string Slice)
{
    public static IReadOnlyList<EvaluationRow> ReadAll(string path) =>
        File.ReadLines(path).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new EvaluationRow(
                root.GetProperty("instance").GetProperty("text").GetString()!,
                root.GetProperty("label").GetInt32() switch { 1 => true, 0 => false, var other => throw new InvalidDataException($"label {other}") },
                root.GetProperty("slice").GetString()!);
        }).ToList();
}
