using System.Xml.Linq;

namespace Build;

/// <summary>
/// The tests that failed, named from the .trx files with the first lines of their messages, so that the last lines of a
/// CI log (often all that is kept of a long run) say which test failed and why, not only how many.
/// </summary>
internal static class FailedTests
{
    /// <summary>How many lines of each failure's message are kept: enough for an assertion's expected and actual.</summary>
    private const int MessageLines = 4;

    /// <summary>Lines of the form "Project: Test.Name" followed by the message's first lines, indented.</summary>
    public static IReadOnlyList<string> Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var project = Path.GetFileNameWithoutExtension(file);
            foreach (var result in XDocument.Load(file).Descendants().Where(IsFailedResult))
            {
                lines.Add($"{project}: {result.Attribute("testName")?.Value ?? "(unnamed test)"}");
                var message = result.Descendants().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value ?? string.Empty;
                lines.AddRange(message.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).Take(MessageLines).Select(l => "    " + l));
            }
        }

        return lines;
    }

    private static bool IsFailedResult(XElement element) =>
        element.Name.LocalName == "UnitTestResult" && element.Attribute("outcome")?.Value is "Failed" or "Error" or "Timeout" or "Aborted";
}
