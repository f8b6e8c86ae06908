using Microsoft.Playwright;
using ModelRelease.Pipelines.Report;

namespace ModelRelease.Pipelines.Tests.Report.Browser;

/// <summary>The report as a person sees it: opened from a file in headless Chromium, with its script running.</summary>
public sealed class ReportBrowserTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<ReportPage> OpenSampleAsync()
    {
        var path = Path.Combine(_directory, "report.html");
        File.WriteAllText(path, HtmlReport.Render([ReportSample.Build()], ReportSample.Start.AddDays(2)));
        return await ReportPage.OpenAsync(chromium.Browser, path);
    }

    [Fact]
    public async Task Should_Load_From_A_File_With_No_Console_Error_And_No_Network_Request()
    {
        await using var report = await OpenSampleAsync();

        Assert.Empty(report.Errors);
        Assert.Empty(report.NetworkRequests);
        Assert.Equal("3 of 3 versions shown", await report.Page.TextContentAsync(".shown"));
    }

    [Fact]
    public async Task Should_Render_Every_Chart_With_Its_Points()
    {
        await using var report = await OpenSampleAsync();

        var charts = await report.Page.EvalOnSelectorAllAsync<ChartSeen[]>("svg.chart", """
            svgs => svgs.map(svg => ({
              title: svg.querySelector('title').textContent,
              points: svg.querySelectorAll('circle.point').length,
              drawn: Array.from(svg.querySelectorAll('circle.point')).filter(c => c.getBoundingClientRect().width > 0).length,
              width: svg.getBoundingClientRect().width }))
            """);

        Assert.Equal(["accuracy", "f1", "latency_p99_ms", "error-rate"], charts.Select(c => c.Title));
        Assert.Equal([3, 1, 2, 6], charts.Select(c => c.Points));
        Assert.All(charts, chart => Assert.Equal(chart.Points, chart.Drawn));
        Assert.All(charts, chart => Assert.True(chart.Width > 200, $"{chart.Title} is {chart.Width}px wide"));
    }

    [Fact]
    public async Task Should_Show_The_Differences_Of_Two_Chosen_Versions()
    {
        await using var report = await OpenSampleAsync();
        var page = report.Page;
        var rendered = await report.RowsAsync("table.metric-diff");

        await page.SelectOptionAsync("select.pick-baseline", "v2");

        Assert.Equal("v2,v3", await page.GetAttributeAsync("section.model", "data-compared"));
        Assert.Equal(
            [["accuracy", "0.92", "0.895", "-0.025", "failed"], ["f1", "—", "0.7", "—", "no rule"], ["latency_p99_ms", "—", "58", "—", "passed"]],
            await report.RowsAsync("table.metric-diff"));
        Assert.Equal("changed: reviews-2026-10 → reviews-2026-11", await page.TextContentAsync("p.dataset-diff"));
        Assert.Equal([["dropout", "—", "0.1"], ["epochs", "20", "10"], ["lr", "0.001", "0.002"]], await report.RowsAsync("table.hyper-diff"));
        Assert.NotNull(await page.QuerySelectorAsync("p.files-unknown"));

        // Back to the default pair: the script draws what the page was generated with.
        await page.SelectOptionAsync("select.pick-baseline", "v1");

        Assert.Equal(rendered, await report.RowsAsync("table.metric-diff"));
        Assert.Equal(["changed", "", "changed"], await page.EvalOnSelectorAllAsync<string[]>("table.hyper-diff tbody tr", "rows => rows.map(r => r.className)"));
        Assert.Equal(
            [["assets/labels.txt", "added", "—", "7 B"], ["assets/vocab.txt", "removed", "5 B", "—"], ["saved_model.pb", "changed", "100 B", "120 B"]],
            await report.RowsAsync("table.file-diff"));
        Assert.Empty(report.Errors);
    }

    [Fact]
    public async Task Should_Sort_And_Filter_The_Version_Table()
    {
        await using var report = await OpenSampleAsync();
        var page = report.Page;
        async Task<string[]> Versions() => (await report.RowsAsync("table.versions")).Select(r => r[0]).ToArray();
        Assert.Equal(["v3", "v2", "v1"], await Versions());

        await page.ClickAsync("table.versions th:has-text('number')");
        Assert.Equal(["v1", "v2", "v3"], await Versions());
        await page.ClickAsync("table.versions th:has-text('number')");
        Assert.Equal(["v3", "v2", "v1"], await Versions());
        await page.ClickAsync("table.versions th:has-text('labels')");
        Assert.Equal(["v2", "v3", "v1"], await Versions());

        await page.FillAsync("input.version-filter", "reviews-2026-11");
        Assert.Equal(["v3"], await Versions());
        await page.FillAsync("input.version-filter", "stable");
        Assert.Equal(["v1"], await Versions());
        Assert.Equal("1 of 3 versions shown", await page.TextContentAsync(".shown"));
        await page.FillAsync("input.version-filter", "");
        Assert.Equal(3, (await Versions()).Length);
    }

    [Fact]
    public async Task Should_Show_A_Hostile_Reason_As_Text()
    {
        await using var report = await OpenSampleAsync();

        Assert.Equal(ReportSample.HostileReason, await report.Page.TextContentAsync("q.reason >> nth=1"));
        Assert.Empty(report.Dialogs);
        Assert.Equal(2, await report.Page.EvalOnSelectorAllAsync<int>("script", "s => s.length"));
        Assert.Empty(report.Errors);
    }

    // Playwright fills a result type through its setters.
    private sealed class ChartSeen
    {
        public string Title { get; set; } = "";

        public int Points { get; set; }

        public int Drawn { get; set; }

        public double Width { get; set; }
    }
}
