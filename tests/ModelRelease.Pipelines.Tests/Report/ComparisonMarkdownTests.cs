using System.Text;
using ModelRelease.Pipelines.Output;
using ModelRelease.Pipelines.Report;

namespace ModelRelease.Pipelines.Tests.Report;

public sealed class ComparisonMarkdownTests
{
    [Fact]
    public void Should_Match_The_Golden_Summary()
    {
        var markdown = ComparisonMarkdown.Render(ReportSample.Build().Comparison!);

        // From the checkout, not the compiler's idea of this file's path: CI builds map source paths to /_/.
        var golden = Path.Combine(ModelRelease.Testing.MetricsServices.RepositoryRoot(), "tests", "ModelRelease.Pipelines.Tests", "Report", "Golden", "comparison.md");
        // MODELRELEASE_UPDATE_GOLDEN=1 rewrites the file after a deliberate change; review the diff before committing.
        if (Environment.GetEnvironmentVariable("MODELRELEASE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, markdown);
        }

        Assert.Equal(File.ReadAllText(golden), markdown);
    }

    [Fact]
    public void Should_Stay_Under_The_Limit_And_Say_How_Many_Metrics_It_Left_Out()
    {
        var metrics = Enumerable.Range(0, 5000).ToDictionary(i => $"metric_{i:D5}_{new string('x', 40)}", i => (double)i);
        var baseline = ReportSample.V1 with { Metrics = metrics };
        var candidate = ReportSample.V3 with { Metrics = metrics };
        var comparison = VersionComparer.Compare(baseline, null, candidate, null, null);

        var markdown = ComparisonMarkdown.Render(comparison, maxBytes: 64 * 1024);

        Assert.True(Encoding.UTF8.GetByteCount(markdown) <= 64 * 1024);
        Assert.Matches(@"\n\d+ more metrics are not shown", markdown);
        Assert.Contains("metric\\_00000", markdown);
    }

    [Fact]
    public void Should_Escape_Names_So_They_Cannot_Become_Markup()
    {
        var candidate = ReportSample.V3 with { Metrics = new Dictionary<string, double> { ["<img src=x>|col"] = 1 } };
        var markdown = ComparisonMarkdown.Render(VersionComparer.Compare(ReportSample.V1, null, candidate, null, null));

        Assert.Contains("&lt;img src=x&gt;&#124;col", markdown);
        Assert.DoesNotContain("<img", markdown);
    }
}
