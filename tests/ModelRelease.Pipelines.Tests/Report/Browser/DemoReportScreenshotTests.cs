using ModelRelease.Pipelines.Report;
using ModelRelease.Pipelines.Tests.Tasks;

namespace ModelRelease.Pipelines.Tests.Report.Browser;

/// <summary>The Demo's own report in Chromium, with a screenshot left in the test output for a person to look at.</summary>
public sealed class DemoReportScreenshotTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Should_Show_Every_Version_The_Rolled_Back_Analysis_And_A_Comparison()
    {
        _host.Run("--target=Demo", "--root=demo").AssertExit(0);
        var path = Path.Combine(_host.WorkDirectory, "demo", ReportFile.DefaultName);

        await using var report = await ReportPage.OpenAsync(chromium.Browser, path);
        var screenshot = Path.Combine(AppContext.BaseDirectory, "report-screenshots", "demo-report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await report.Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });

        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
        Assert.Equal(["v7", "v6", "v5", "v4", "v2", "v1"], (await report.RowsAsync("table.versions")).Select(r => r[0].Split(' ')[0]));
        // v5's canary was rolled back on its measurements; each analysis chart has a point per measured value.
        Assert.NotNull(await report.Page.QuerySelectorAsync("div.analysis-run[data-verdict='failed']"));
        var charts = await report.Page.EvalOnSelectorAllAsync<int[]>("svg.analysis-chart", "svgs => svgs.map(s => s.querySelectorAll('circle.point').length - Number(s.getAttribute('data-points')))");
        Assert.NotEmpty(charts);
        Assert.All(charts, difference => Assert.Equal(0, difference));
        // Stable (v6) against the newest other version (v7), with the policy's verdicts.
        Assert.Equal("v6", await report.Page.InputValueAsync("select.pick-baseline"));
        Assert.Equal("v7", await report.Page.InputValueAsync("select.pick-candidate"));
        Assert.NotEmpty(await report.RowsAsync("table.metric-diff"));
        Assert.True(new FileInfo(screenshot).Length > 10_000, $"the screenshot {screenshot} is nearly empty");
    }
}
