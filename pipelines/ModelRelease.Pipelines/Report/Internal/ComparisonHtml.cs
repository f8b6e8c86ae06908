using System.Text;

namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>
/// The side-by-side comparison: two version pickers and the comparison of the default pair, rendered here so the
/// page shows it without script; the page's script renders the same tables again when another pair is picked.
/// </summary>
internal static class ComparisonHtml
{
    public static string Render(ModelReport report)
    {
        if (report.Comparison is not { } comparison)
        {
            return "<p class=\"empty\">Fewer than two versions: nothing to compare.</p>";
        }

        var html = new StringBuilder("<form class=\"compare-pick\">");
        html.Append(Picker("baseline", report.Versions, comparison.Baseline.Name));
        html.Append(" against ");
        html.Append(Picker("candidate", report.Versions, comparison.Candidate.Name));
        html.Append("</form><div class=\"comparison\">");
        html.Append(Tables(comparison));
        return html.Append("</div>").ToString();
    }

    /// <summary>The comparison's tables: metrics, dataset, hyperparameters, files.</summary>
    public static string Tables(VersionComparison comparison)
    {
        var html = new StringBuilder();
        html.Append("<h4>Metrics</h4><table class=\"metric-diff\"><thead><tr><th>metric</th><th>baseline</th><th>candidate</th><th>difference</th><th>verdict</th></tr></thead><tbody>");
        foreach (var m in comparison.Metrics)
        {
            var verdict = Verdict(m.Verdict);
            html.Append($"<tr data-metric=\"{HtmlText.Encode(m.Name)}\"><td>{HtmlText.Encode(m.Name)}</td><td>{HtmlText.Number(m.Baseline)}</td><td>{HtmlText.Number(m.Candidate)}</td>");
            html.Append($"<td class=\"diff\">{HtmlText.Signed(m.Difference)}</td><td class=\"verdict {verdict.Replace(' ', '-')}\" title=\"{HtmlText.Encode(m.Detail)}\">{verdict}</td></tr>");
        }

        html.Append("</tbody></table>");
        var dataset = comparison.DatasetChanged
            ? $"changed: {HtmlText.Encode(comparison.Baseline.Dataset.Value)} → {HtmlText.Encode(comparison.Candidate.Dataset.Value)}"
            : $"same: {HtmlText.Encode(comparison.Candidate.Dataset.Value)}";
        html.Append($"<h4>Dataset</h4><p class=\"dataset-diff{(comparison.DatasetChanged ? " changed" : "")}\">{dataset}</p>");
        html.Append("<h4>Hyperparameters</h4><table class=\"hyper-diff\"><thead><tr><th>name</th><th>baseline</th><th>candidate</th></tr></thead><tbody>");
        foreach (var h in comparison.Hyperparameters)
        {
            html.Append($"<tr data-name=\"{HtmlText.Encode(h.Name)}\"{(h.Changed ? " class=\"changed\"" : "")}><td>{HtmlText.Encode(h.Name)}</td>");
            html.Append($"<td>{HtmlText.Encode(h.Baseline ?? "—")}</td><td>{HtmlText.Encode(h.Candidate ?? "—")}</td></tr>");
        }

        html.Append("</tbody></table><h4>Files</h4>");
        if (!comparison.ManifestsKnown)
        {
            return html.Append("<p class=\"files-unknown\">A manifest is not in the store: no file diff.</p>").ToString();
        }

        html.Append("<table class=\"file-diff\"><thead><tr><th>file</th><th>change</th><th>baseline size</th><th>candidate size</th></tr></thead><tbody>");
        foreach (var f in comparison.Files)
        {
            var change = f.Change.ToString().ToLowerInvariant();
            html.Append($"<tr class=\"{change}\" data-path=\"{HtmlText.Encode(f.Path)}\"><td>{HtmlText.Encode(f.Path)}</td><td>{change}</td>");
            html.Append($"<td>{Size(f.BaselineSize)}</td><td>{Size(f.CandidateSize)}</td></tr>");
        }

        if (comparison.Files.Count == 0)
        {
            html.Append("<tr><td colspan=\"4\">identical files</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The text of a verdict, as the page's script writes it too.</summary>
    public static string Verdict(MetricVerdict verdict) => verdict switch
    {
        MetricVerdict.Passed => "passed",
        MetricVerdict.Failed => "failed",
        _ => "no rule",
    };

    private static string Size(long? bytes) => bytes is { } b ? ByteSize.Format(b) : "—";

    private static string Picker(string role, IReadOnlyList<ModelVersion> versions, string selected)
    {
        var html = new StringBuilder($"<label>{role} <select class=\"pick-{role}\" name=\"{role}\">");
        foreach (var version in versions.Reverse())
        {
            var name = HtmlText.Encode(version.Name);
            html.Append($"<option value=\"{name}\"{(version.Name == selected ? " selected" : "")}>{name}</option>");
        }

        return html.Append("</select></label>").ToString();
    }
}
