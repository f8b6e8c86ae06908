using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelRelease.Pipelines.Report.Internal;

/// <summary>Each canary analysis run: its verdict and decision, and per check a chart of canary (and stable) over the measurements with the conditions drawn.</summary>
internal static partial class AnalysisHtml
{
    public static string Render(ModelReport report)
    {
        if (report.AnalysisRuns.Count == 0)
        {
            return "<p class=\"empty\">No canary analysis has run.</p>";
        }

        var html = new StringBuilder();
        foreach (var entry in report.AnalysisRuns.Reverse())
        {
            var run = entry.Run;
            var verdict = run.Verdict.ToString().ToLowerInvariant();
            html.Append($"<div class=\"analysis-run\" data-run=\"{run.Id}\" data-verdict=\"{verdict}\">");
            html.Append($"<h4>Run {run.Id}: canary {HtmlText.Encode(run.CanaryVersion)} at {run.Weight}% against stable {HtmlText.Encode(run.StableVersion)} — ");
            html.Append($"<span class=\"verdict {verdict}\">{verdict}</span></h4>");
            var finished = run.FinishedAt is { } f ? $", finished {ReleaseText.Time(f)}" : ", still running";
            html.Append($"<p class=\"run-detail\">started {HtmlText.Encode(ReleaseText.Time(run.StartedAt))}{HtmlText.Encode(finished)}");
            html.Append(run.Decision is null ? "</p>" : $"; decision: <b>{HtmlText.Encode(run.Decision)}</b></p>");
            html.Append("<div class=\"charts\">");
            foreach (var check in entry.Measurements.GroupBy(m => m.Check, StringComparer.Ordinal))
            {
                html.Append(Chart(check.Key, check.OrderBy(m => m.Seq).ToList(), entry.Conditions.GetValueOrDefault(check.Key)));
            }

            html.Append(entry.Measurements.Count == 0 ? "<p class=\"empty\">No measurements.</p></div></div>" : "</div></div>");
        }

        return html.ToString();
    }

    private static string Chart(string check, IReadOnlyList<AnalysisMeasurement> measurements, CheckConditions? conditions)
    {
        var xLabels = measurements.Select(m => "#" + m.Seq.ToString(CultureInfo.InvariantCulture)).ToList();
        ChartPoint Point(AnalysisMeasurement m, int i, double value, string who) => new(
            i, value, $"{check} #{m.Seq} at {ReleaseText.Time(m.TakenAt)}: {who} {ReleaseText.Number(value)} ({m.Verdict.ToString().ToLowerInvariant()})",
            m.Seq.ToString(CultureInfo.InvariantCulture), m.Verdict.ToString().ToLowerInvariant());
        var canary = measurements.Select((m, i) => m.CanaryValue is { } v ? Point(m, i, v, "canary") : null).OfType<ChartPoint>().ToList();
        var stable = measurements.Select((m, i) => m.StableValue is { } v ? Point(m, i, v, "stable") : null).OfType<ChartPoint>().ToList();
        List<ChartSeries> series = [new ChartSeries("canary", "canary", canary)];
        if (stable.Count > 0)
        {
            series.Add(new ChartSeries("stable", "stable", stable));
        }

        var rules = new List<ChartRule>();
        AddThreshold(rules, conditions?.Success, "success");
        AddThreshold(rules, conditions?.Failure, "failure");
        foreach (var (condition, kind) in new[] { (conditions?.Success, "success"), (conditions?.Failure, "failure") })
        {
            if (MovingThreshold(measurements, condition, kind) is { } line)
            {
                series.Add(line);
            }
        }

        var chart = SvgChart.Line(check, xLabels, series, rules, [], "analysis-chart");
        var caption = new StringBuilder();
        caption.Append(conditions?.Success is { } s ? $"success when <code>{HtmlText.Encode(s)}</code>" : "success condition not recorded");
        caption.Append(conditions?.Failure is { } fail ? $"; failure when <code>{HtmlText.Encode(fail)}</code>" : "");
        return $"<figure class=\"chart-box\" data-check=\"{HtmlText.Encode(check)}\">{chart}<figcaption>{caption}</figcaption></figure>";
    }

    // A condition comparing the canary with a constant ("canary <= 0.05") is a straight line across the chart.
    private static void AddThreshold(List<ChartRule> rules, string? condition, string kind)
    {
        if (condition is not null && Threshold().Match(condition) is { Success: true } match
            && double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            rules.Add(new ChartRule(value, $"{kind}: canary {match.Groups["op"].Value} {match.Groups["value"].Value}", kind));
        }
    }

    /// <summary>
    /// A condition "canary &lt;op&gt; (an expression of stable)", e.g. "canary &lt;= 1.2 * stable", as a dashed line
    /// through the value the canary had to stay on the right side of at each measurement. The value is found from the
    /// condition itself (the same evaluator the analysis used), by bisection on the canary with that measurement's
    /// stable value, so any such expression is drawn without a second parser.
    /// </summary>
    private static ChartSeries? MovingThreshold(IReadOnlyList<AnalysisMeasurement> measurements, string? condition, string kind)
    {
        if (condition is null || MovingForm().Match(condition) is not { Success: true } match
            || match.Groups["rhs"].Value.Contains("canary", StringComparison.Ordinal))
        {
            return null;
        }

        AnalysisCondition parsed;
        try
        {
            parsed = AnalysisCondition.Parse(condition);
        }
        catch (RegistryException)
        {
            return null;
        }

        var points = new List<ChartPoint>();
        for (var i = 0; i < measurements.Count; i++)
        {
            if (measurements[i].StableValue is { } stable && Boundary(parsed, stable) is { } threshold)
            {
                var seq = measurements[i].Seq.ToString(CultureInfo.InvariantCulture);
                points.Add(new ChartPoint(i, threshold, $"{kind} threshold at #{seq}: {ReleaseText.Number(threshold)}", seq, kind));
            }
        }

        return points.Count < 2 ? null : new ChartSeries($"{kind}: {condition}", kind, points, IsThreshold: true);
    }

    /// <summary>Where the condition turns from true to false as the canary value grows, for this stable value.</summary>
    private static double? Boundary(AnalysisCondition condition, double stable)
    {
        bool? Holds(double canary)
        {
            try
            {
                return condition.Evaluate(canary, stable);
            }
            catch (Exception error) when (error is ArithmeticException or InvalidOperationException or ArgumentException or RegistryException)
            {
                return null;
            }
        }

        double low = -(Math.Abs(stable) + 1), high = Math.Abs(stable) + 1;
        for (var i = 0; i < 64 && Holds(low) == Holds(high); i++)
        {
            (low, high) = (low * 2, high * 2);
        }

        var atLow = Holds(low);
        if (atLow is null || Holds(high) is null || atLow == Holds(high))
        {
            return null;
        }

        for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, Math.Abs(low)); i++)
        {
            var middle = (low + high) / 2;
            if (Holds(middle) == atLow)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    [GeneratedRegex(@"^\s*canary\s*(<=|<|>=|>)\s*(?<rhs>.+)$")]
    private static partial Regex MovingForm();

    [GeneratedRegex(@"^\s*canary\s*(?<op><=|<|>=|>)\s*(?<value>[-+]?\d+(\.\d+)?([eE][-+]?\d+)?)\s*$")]
    private static partial Regex Threshold();
}
