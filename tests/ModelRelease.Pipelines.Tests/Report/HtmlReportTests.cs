using System.Text.RegularExpressions;
using ModelRelease.Pipelines.Report;

namespace ModelRelease.Pipelines.Tests.Report;

public sealed class HtmlReportTests
{
    private readonly string _html = HtmlReport.Render([ReportSample.Build()], ReportSample.Start.AddDays(2));

    [Fact]
    public void Should_Show_A_Hostile_Reason_As_Text_Never_As_Markup()
    {
        Assert.DoesNotContain("<script>alert", _html);
        Assert.Contains("&lt;script&gt;alert(&#39;owned&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;", _html);
        // The page's own two script elements (the data and the code), nothing else.
        Assert.Equal(2, Regex.Matches(_html, "<script", RegexOptions.IgnoreCase).Count);
    }

    [Fact]
    public void Should_Keep_Hostile_Names_In_The_Script_Data_From_Closing_It()
    {
        var report = ReportSample.Build();
        var hostile = ReportSample.V2 with
        {
            Metrics = new Dictionary<string, double> { ["</script><script>alert(1)</script>"] = 1 },
            Hyperparameters = new Dictionary<string, string> { ["note"] = "</SCRIPT><img src=x onerror=alert(1)>" },
        };
        var html = HtmlReport.Render([report with { Versions = [ReportSample.V1, hostile, ReportSample.V3] }], ReportSample.Start);

        var data = Regex.Match(html, "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        Assert.DoesNotContain("<", data);
        Assert.Contains("\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)", data, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html);
        Assert.Equal(2, Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Count);
    }

    [Fact]
    public void Should_Draw_One_Chart_Per_Metric_With_A_Point_Per_Version_That_Has_It()
    {
        var charts = Charts(_html, "metric-chart");

        Assert.Equal(["accuracy", "f1", "latency_p99_ms"], charts.Select(c => c.Title));
        Assert.Equal([3, 1, 2], charts.Select(c => c.Points));
        Assert.Equal(["v1", "v2", "v3"], Regex.Matches(charts[0].Svg, "data-key=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
    }

    [Fact]
    public void Should_Draw_The_Policy_Bounds_And_Mark_Stable_And_Canary()
    {
        var accuracy = Charts(_html, "metric-chart")[0].Svg;

        Assert.Contains("class=\"rule bound\"", accuracy);
        Assert.Contains("at least 0.8", accuracy);
        // The regression limit sits at stable's value minus the allowed drop: 0.91 - 0.01.
        Assert.Contains("stable − 0.01", accuracy);
        Assert.Contains("class=\"mark stable\"", accuracy);
        Assert.Contains("class=\"mark canary\"", accuracy);
        Assert.Contains("class=\"point metric canary\"", accuracy);
        Assert.DoesNotContain("class=\"rule", Charts(_html, "metric-chart")[1].Svg);
    }

    [Fact]
    public void Should_Draw_A_Condition_On_Stable_As_A_Line_Through_Each_Measurement()
    {
        // Given a run whose latency check succeeds while canary <= 1.2 * stable, and fails when canary > 2 * stable
        var report = ReportSample.Build();
        var run = report.AnalysisRuns[0];
        var measurements = new[] { 100.0, 110.0, 120.0 }
            .Select((stable, i) => run.Measurements[0] with { Check = "latency", Seq = i + 1, StableValue = stable, CanaryValue = stable })
            .ToList();
        var conditions = new Dictionary<string, CheckConditions> { ["latency"] = new("canary <= 1.2 * stable", "canary > 2 * stable") };
        var html = HtmlReport.Render([report with { AnalysisRuns = [run with { Measurements = measurements, Conditions = conditions }] }], ReportSample.Start);

        // Then each condition is a dashed line through 1.2× and 2× the stable value of each measurement, not a point
        var chart = Charts(html, "analysis-chart").Single();
        Assert.Equal(6, chart.Points);
        var success = Regex.Match(chart.Svg, "<polyline class=\"series threshold success\" points=\"([^\"]+)\"");
        var failure = Regex.Match(chart.Svg, "<polyline class=\"series threshold failure\" points=\"([^\"]+)\"");
        Assert.True(success.Success && failure.Success, chart.Svg);
        Assert.Contains("<title>success: canary &lt;= 1.2 * stable</title>", chart.Svg);
        double[] Ys(Match line) => line.Groups[1].Value.Split(' ').Select(p => double.Parse(p.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var (successYs, failureYs) = (Ys(success), Ys(failure));
        Assert.Equal(3, successYs.Length);
        // 120, 132, 144 rise, so the line climbs (SVG's y grows downwards); 2× stable is above 1.2× stable everywhere.
        Assert.True(successYs[0] > successYs[1] && successYs[1] > successYs[2], chart.Svg);
        Assert.All(successYs.Zip(failureYs), pair => Assert.True(pair.Second < pair.First));
        Assert.DoesNotContain("circle class=\"point success", chart.Svg);
    }

    [Fact]
    public void Should_Chart_Each_Analysis_Check_With_Its_Condition()
    {
        var chart = Charts(_html, "analysis-chart").Single();

        Assert.Equal("error-rate", chart.Title);
        Assert.Equal(6, chart.Points);
        Assert.Contains("success: canary &lt;= 0.025", chart.Svg);
        Assert.Single(Regex.Matches(chart.Svg, "class=\"point canary failed\""));
        Assert.Contains("data-verdict=\"failed\"", _html);
        Assert.Contains("decision: <b>rollback</b>", _html);
    }

    [Fact]
    public void Should_Render_The_Default_Comparison_With_Its_Differences()
    {
        Assert.Contains("<option value=\"v1\" selected>", _html);
        Assert.Contains("<option value=\"v3\" selected>", _html);
        Assert.Matches("<tr data-metric=\"accuracy\"><td>accuracy</td><td>0.91</td><td>0.895</td><td class=\"diff\">-0.015</td><td class=\"verdict failed\"", _html);
        Assert.Contains("<tr class=\"added\" data-path=\"assets/labels.txt\"><td>assets/labels.txt</td><td>added</td><td>—</td><td>7 B</td></tr>", _html);
        Assert.Contains("<tr class=\"removed\" data-path=\"assets/vocab.txt\">", _html);
        Assert.Contains("<tr class=\"changed\" data-path=\"saved_model.pb\"><td>saved_model.pb</td><td>changed</td><td>100 B</td><td>120 B</td></tr>", _html);
        Assert.Contains("changed: reviews-2026-10 → reviews-2026-11", _html);
        Assert.Contains("<tr data-name=\"lr\" class=\"changed\">", _html);
    }

    [Fact]
    public void Should_List_Every_Version_With_Its_Commit_Linked_And_Its_Labels()
    {
        Assert.Equal(3, Regex.Matches(_html, "<tr data-version=").Count);
        Assert.Contains($"<a href=\"https://github.com/acme/mnist/commit/{new string('b', 40)}\"", _html);
        Assert.Contains("<span class=\"label\">canary 20%</span>", _html);
        Assert.Contains("<span class=\"weight\">20%</span>", _html);
    }

    [Fact]
    public void Should_Forbid_Every_Network_Request_In_The_Page_Policy()
    {
        Assert.Contains("Content-Security-Policy", _html);
        Assert.Contains("default-src 'none'", _html);
        Assert.DoesNotMatch("(src|href)=\"https?://(?!github.com/acme)", _html);
    }

    internal static IReadOnlyList<(string Title, int Points, string Svg)> Charts(string html, string kind) =>
        Regex.Matches(html, $"<svg class=\"chart {kind}\".*?</svg>", RegexOptions.Singleline)
            .Select(m => (Regex.Match(m.Value, "<title>([^<]*)</title>").Groups[1].Value, Regex.Matches(m.Value, "<circle class=\"point").Count, m.Value))
            .ToList();
}
