using System.Text.Json;

namespace ModelRelease.Onnx.Internal;

/// <summary>
/// Reads a JSON Lines file (an evaluation set, a request file): one JSON value a line, blank lines skipped, and a
/// line that is not JSON an error naming the file, the line and the shape each line should have.
/// </summary>
internal static class JsonLines
{
    /// <param name="reader">The file's text.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="expected">What each line is, for messages, e.g. <c>a predict body: {"instances": […]}</c>.</param>
    public static IEnumerable<(int Line, JsonElement Value)> Read(TextReader reader, string path, string expected)
    {
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement value;
            try
            {
                using var document = JsonDocument.Parse(line);
                value = document.RootElement.Clone();
            }
            catch (JsonException failure)
            {
                throw new InvalidDataException($"{path} line {lineNumber} is not JSON ({failure.Message}); each line is {expected}.");
            }

            yield return (lineNumber, value);
        }
    }
}
