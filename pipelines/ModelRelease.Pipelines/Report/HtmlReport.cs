using System.Text;
using ModelRelease.Pipelines.Report.Internal;

namespace ModelRelease.Pipelines.Report;

/// <summary>
/// The release report as one self-contained HTML page: styles, script, data and charts inline, nothing fetched at
/// view time (a Content-Security-Policy forbids it), so it opens from <c>file://</c> or a CI artifact. Every text
/// from the store is HTML-encoded; the script's data is JSON in a <c>&lt;script type="application/json"&gt;</c>.
/// </summary>
public static class HtmlReport
{
    private const string Policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    /// <summary>The page for <paramref name="reports"/>, stamped with <paramref name="generatedAt"/>.</summary>
    public static string Render(IReadOnlyList<ModelReport> reports, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<meta name=\"generator\" content=\"{ReportFile.Generator}\">");
        html.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Policy}\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>Release report: {HtmlText.Encode(string.Join(", ", reports.Select(r => r.Model)))}</title>");
        html.Append("<style>").Append(Asset("report.css")).Append("</style></head><body>\n");
        html.Append($"<header><h1>Release report</h1><p>Generated {HtmlText.Encode(ReleaseText.Time(generatedAt))} by ModelRelease from the metadata store; ");
        html.Append($"{reports.Count} {(reports.Count == 1 ? "model" : "models")}.</p>");
        if (reports.Count > 1)
        {
            html.Append("<nav>").AppendJoin(" · ", reports.Select(r => $"<a href=\"#model-{HtmlText.Encode(r.Model)}\">{HtmlText.Encode(r.Model)}</a>")).Append("</nav>");
        }

        html.Append("</header>\n");
        if (reports.Count == 0)
        {
            html.Append("<p class=\"empty\">The registry holds no model yet.</p>");
        }

        foreach (var report in reports)
        {
            html.Append(Section(report));
        }

        html.Append("<script type=\"application/json\" id=\"report-data\">");
        html.Append(HtmlText.Json(reports.Select(ReportScriptData.For).ToList()));
        html.Append("</script>\n<script>").Append(Asset("report.js")).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static string Section(ModelReport report)
    {
        var model = HtmlText.Encode(report.Model);
        var labels = string.Join(", ", report.Labels.Select(l => l.Weight is { } w ? $"{l.Label} → {l.Version} ({w}%)" : $"{l.Label} → {l.Version}"));
        var html = new StringBuilder();
        html.Append($"<section class=\"model\" id=\"model-{model}\" data-model=\"{model}\"><h2>{model}</h2>");
        html.Append($"<p class=\"summary\">{report.Versions.Count} versions ({report.Versions.Count(v => v.IsPruned)} pruned); labels: {HtmlText.Encode(labels.Length == 0 ? "none" : labels)}; ");
        html.Append(report.Policy is null ? "no release policy known here.</p>" : "release policy known: bounds drawn and verdicts given.</p>");
        html.Append("<h3>Versions</h3>").Append(VersionTableHtml.Render(report));
        html.Append("<h3>Metric trends</h3>").Append(TrendChartsHtml.Render(report));
        html.Append("<h3>Comparison</h3>").Append(ComparisonHtml.Render(report));
        html.Append("<h3>Label timeline</h3>").Append(TimelineHtml.Render(report));
        html.Append("<h3>Canary analysis</h3>").Append(AnalysisHtml.Render(report));
        return html.Append("</section>\n").ToString();
    }

    private static string Asset(string name)
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream($"ModelRelease.Pipelines.Report.{name}")
            ?? throw new InvalidOperationException($"The report asset {name} is not embedded in {typeof(HtmlReport).Assembly.GetName().Name}; the project must list Report/{name} as an EmbeddedResource.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
