using System.Text.RegularExpressions;
using ModelRelease.Pipelines.Report;
using ModelRelease.Pipelines.Tests.Report;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

public abstract class ReportTaskTests : IDisposable
{
    private const string Hostile = "<script>document.title='owned'</script>";

    private readonly ReleaseHost _host;

    protected ReportTaskTests(StoreKind kind)
    {
        _host = new ReleaseHost(kind);
        _host.Push("v1", accuracy: 0.91);
        _host.Do("Promote", "--version=v1");
        _host.Push("v2", accuracy: 0.93, latency: 45);
        _host.Do("Canary", "--weight=20", $"--reason={Hostile}");
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }

    private string DefaultReport => Path.Combine(_host.WorkDirectory, ReportFile.DefaultName);

    [Fact]
    public void Should_Write_The_Report_In_The_Working_Directory_Comparing_Stable_With_Canary()
    {
        var run = _host.Do("Report");

        Assert.Contains("Report of 1 model written to", run.Out);
        var html = File.ReadAllText(DefaultReport);
        Assert.Equal(2, Regex.Matches(html, "<tr data-version=").Count);
        Assert.Contains("<option value=\"v1\" selected>", html);
        Assert.Contains("<option value=\"v2\" selected>", html);
        // The host's policy for mnist is known: its bounds are drawn and its verdicts given.
        Assert.Contains("at least 0.8", html);
        Assert.Matches("<tr data-metric=\"accuracy\">.*?<td class=\"verdict passed\"", html);
        Assert.Equal(["accuracy", "latency_p99_ms"], HtmlReportTests.Charts(html, "metric-chart").Select(c => c.Title));
        Assert.All(HtmlReportTests.Charts(html, "metric-chart"), chart => Assert.Equal(2, chart.Points));
        Assert.Contains("&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;", html);
        Assert.DoesNotContain(Hostile, html);
    }

    [Fact]
    public void Should_Compare_The_Versions_Given()
    {
        var output = Path.Combine(_host.WorkDirectory, "out", "r.html");

        _host.Do("Report", "--compare=v2,v1", $"--out={output}");

        var html = File.ReadAllText(output);
        Assert.Matches("<tr data-metric=\"accuracy\"><td>accuracy</td><td>0.93</td><td>0.91</td><td class=\"diff\">-0.02</td>", html);
    }

    [Fact]
    public void Should_Draw_The_Bounds_Of_A_Policy_File_Given()
    {
        var policy = Path.Combine(_host.WorkDirectory, "policy.json");
        File.WriteAllText(policy, ReleasePolicyFile.ToJson(ReleasePolicy.For("mnist").Metric(MetricRule.Higher("accuracy").AtLeastValue(0.905))));

        _host.Run("--target=Report", $"--policy={policy}").AssertExit(0);

        var html = File.ReadAllText(DefaultReport);
        Assert.Contains("at least 0.905", html);
        Assert.DoesNotContain("at least 0.8", html);
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Version_To_Compare_And_Write_Nothing()
    {
        var run = _host.Run("--target=Report", "--model=mnist", "--compare=v1,v9");

        run.AssertExit(1);
        Assert.Contains("'v9', which is not a version of 'mnist'", run.Error);
        Assert.False(File.Exists(DefaultReport));
    }

    [Fact]
    public void Should_Refuse_A_Compare_Argument_That_Is_Not_Two_Versions()
    {
        var run = _host.Run("--target=Report", "--compare=v1");

        run.AssertExit(2);
        Assert.Contains("--compare=BASELINE,CANDIDATE", run.Error);
    }

    [Theory]
    [InlineData("mnist/versions/v1/report.html")]
    [InlineData("registry.db")]
    [InlineData("models.config")]
    public void Should_Refuse_To_Write_Inside_The_Serving_Root(string inRoot)
    {
        var inside = Path.Combine(_host.Root, inRoot);
        var before = _host.Snapshot();

        var run = _host.Run("--target=Report", $"--out={inside}");

        run.AssertExit(1);
        Assert.Contains("only ModelRelease's own steps write", run.Error);
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Replace_An_Earlier_Report_But_Never_Another_File()
    {
        // Given a file that is not a report where --out points (a typo), and an earlier report
        var notes = Path.Combine(_host.WorkDirectory, "notes.html");
        File.WriteAllText(notes, "<html>my notes</html>");
        _host.Run("--target=Report").AssertExit(0);
        var report = Path.Combine(_host.WorkDirectory, ReportFile.DefaultName);

        // When the report is written over each
        var refused = _host.Run("--target=Report", $"--out={notes}");
        var replaced = _host.Run("--target=Report");

        // Then the other file is kept byte for byte and the run fails naming it; the earlier report is replaced
        refused.AssertExit(1);
        Assert.Contains("is not a ModelRelease report", refused.Error);
        Assert.Equal("<html>my notes</html>", File.ReadAllText(notes));
        replaced.AssertExit(0);
        Assert.Contains(ReportFile.Generator, File.ReadAllText(report));
    }

    [Fact]
    public void Should_Append_The_Comparison_To_The_Job_Summary_In_GitHub_Actions()
    {
        var summary = Path.Combine(_host.WorkDirectory, "..", "step_summary.md");
        File.WriteAllText(summary, "");

        var run = _host.RunWith(new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary }, "--target=Report");

        run.AssertExit(0);
        var markdown = File.ReadAllText(summary);
        Assert.Contains("### mnist: v2 against v1", markdown);
        Assert.Contains("| accuracy | 0.91 | 0.93 | +0.02 | ✅ passed |", markdown);
    }

    [Fact]
    public void Should_Only_Plan_The_File_In_A_Dry_Run()
    {
        var run = _host.Do("Report", "--dryrun");

        Assert.Contains(ReportFile.DefaultName, run.Out);
        Assert.False(File.Exists(DefaultReport));
    }
}
