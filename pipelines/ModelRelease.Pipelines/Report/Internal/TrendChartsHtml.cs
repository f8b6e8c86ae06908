using System.Text;

namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>One chart per metric across the versions in serving order, with the policy's bounds and stable and canary marked.</summary>
internal static class TrendChartsHtml
{
    public static string Render(ModelReport report)
    {
        var names = report.MetricNames();
        if (names.Count == 0)
        {
            return "<p class=\"empty\">No version has metrics.</p>";
        }

        var versions = report.Versions;
        var xLabels = versions.Select(v => v.Name).ToList();
        var marks = new List<ChartMark>();
        foreach (var label in new[] { LabelNames.Stable, LabelNames.Canary })
        {
            var index = IndexOf(versions, report.VersionAt(label));
            if (index >= 0)
            {
                marks.Add(new ChartMark(index, label, label));
            }
        }

        var html = new StringBuilder("<div class=\"charts\">");
        foreach (var name in names)
        {
            var points = versions
                .Select((v, i) => (Version: v, Index: i))
                .Where(p => p.Version.Metrics.ContainsKey(name))
                .Select(p => new ChartPoint(p.Index, p.Version.Metrics[name], $"{p.Version.Name}: {name} = {ReleaseText.Number(p.Version.Metrics[name])}", p.Version.Name, Marked(report, p.Version.Name)))
                .ToList();
            var rule = report.Policy?.Metrics.FirstOrDefault(r => r.Name == name);
            var chart = SvgChart.Line(name, xLabels, [new ChartSeries(name, "metric", points)], Rules(rule, report, name), marks, "metric-chart");
            html.Append($"<figure class=\"chart-box\" data-metric=\"{HtmlText.Encode(name)}\">{chart}<figcaption>{Caption(rule)}</figcaption></figure>");
        }

        return html.Append("</div>").ToString();
    }

    private static List<ChartRule> Rules(MetricRule? rule, ModelReport report, string name)
    {
        var rules = new List<ChartRule>();
        if (rule?.AtLeast is { } atLeast)
        {
            rules.Add(new ChartRule(atLeast, $"at least {ReleaseText.Number(atLeast)}", "bound"));
        }

        if (rule?.AtMost is { } atMost)
        {
            rules.Add(new ChartRule(atMost, $"at most {ReleaseText.Number(atMost)}", "bound"));
        }

        // The regression limit is relative to stable, so it is drawn where stable's value puts it today.
        var stable = report.Versions.FirstOrDefault(v => v.Name == report.VersionAt(LabelNames.Stable));
        if (rule?.Tolerance is { } tolerance && stable is not null && stable.Metrics.TryGetValue(name, out var baseline))
        {
            var allowed = tolerance.AllowedChange(baseline);
            var limit = rule.Goal == MetricGoal.HigherIsBetter ? baseline - allowed : baseline + allowed;
            rules.Add(new ChartRule(limit, $"stable {(rule.Goal == MetricGoal.HigherIsBetter ? "−" : "+")} {tolerance}", "regression"));
        }

        return rules;
    }

    private static string Caption(MetricRule? rule) => rule is null
        ? "no policy rule"
        : HtmlText.Encode($"policy: {(rule.Goal == MetricGoal.HigherIsBetter ? "higher" : "lower")} is better" +
            (rule.AtLeast is { } l ? $", at least {ReleaseText.Number(l)}" : "") +
            (rule.AtMost is { } m ? $", at most {ReleaseText.Number(m)}" : "") +
            (rule.Tolerance is { } t ? $", may {(rule.Goal == MetricGoal.HigherIsBetter ? "drop" : "grow")} by {t} against stable" : ""));

    private static string Marked(ModelReport report, string version) =>
        string.Join(" ", report.Labels.Where(l => l.Version == version && l.Label is LabelNames.Stable or LabelNames.Canary).Select(l => l.Label));

    private static int IndexOf(IReadOnlyList<ModelVersion> versions, string? name)
    {
        for (var i = 0; i < versions.Count; i++)
        {
            if (versions[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
