using System.Xml.Linq;

namespace Build;

/// <summary>Totals over the .trx files dotnet test wrote, for one closing line CI can read.</summary>
internal sealed record TestResultCounts(int Passed, int Failed, int Skipped)
{
    public static TestResultCounts Read(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new TestResultCounts(0, 0, 0);
        }

        int passed = 0, failed = 0, skipped = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "*.trx", SearchOption.AllDirectories))
        {
            var counters = XDocument.Load(file).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
            if (counters is null)
            {
                continue;
            }

            passed += Count(counters, "passed");
            failed += Count(counters, "failed") + Count(counters, "error") + Count(counters, "timeout") + Count(counters, "aborted");
            skipped += Count(counters, "notExecuted");
        }

        return new TestResultCounts(passed, failed, skipped);
    }

    /// <summary>The plain "N passed, N failed, N skipped" line CI reads as the closing line of a run.</summary>
    public override string ToString() => $"Tests: {Passed} passed, {Failed} failed, {Skipped} skipped";

    private static int Count(XElement counters, string name) =>
        int.TryParse(counters.Attribute(name)?.Value, out var value) ? value : 0;
}
