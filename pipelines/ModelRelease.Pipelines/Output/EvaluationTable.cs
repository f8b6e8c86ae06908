using System.Globalization;
using ModelRelease.Onnx;
using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>Prints an evaluation: candidate and stable side by side, the metrics the policy names first, then each slice.</summary>
public static class EvaluationTable
{
    /// <summary>Prints <paramref name="comparison"/>; the policy decides which metrics lead and are marked.</summary>
    public static void Print(IAnsiConsole console, EvaluationComparison comparison, ReleasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(policy);
        var named = policy.Metrics.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var stable = comparison.BaselineVersion is { } version ? $"stable {version}" : "stable";
        var table = new Table()
            .Title($"Evaluation of {MarkupText.Of(comparison.Model)} on {MarkupText.Of(Path.GetFileName(comparison.Set.Path))} ({comparison.Set.Examples} examples, {MarkupText.Of(comparison.Set.Digest[..19])}…)")
            .AddColumn("metric").AddColumn("candidate").AddColumn(MarkupText.Of(stable)).AddColumn("difference");
        var names = comparison.Candidate.Metrics.Keys.OrderBy(n => named.Contains(n) ? 0 : 1).ThenBy(n => Array.IndexOf(ModelEvaluation.Names.ToArray(), n));
        foreach (var name in names)
        {
            var candidate = comparison.Candidate.Metrics[name];
            double? baseline = comparison.Baseline?.Metrics.TryGetValue(name, out var b) == true ? b : null;
            table.AddRow(
                named.Contains(name) ? $"[bold]{MarkupText.Of(name)}[/]" : MarkupText.Of(name),
                Number(candidate),
                baseline is { } s ? Number(s) : "—",
                baseline is { } d ? Signed(candidate - d) : "—");
        }

        console.Write(table);
        if (comparison.BaselineNote is { } note)
        {
            console.MarkupLineInterpolated($"Stable not scored: {DisplayText.Escape(note)}.");
        }

        PrintSlices(console, comparison);
    }

    private static void PrintSlices(IAnsiConsole console, EvaluationComparison comparison)
    {
        if (comparison.Candidate.Slices.Count == 0)
        {
            return;
        }

        var shown = new[] { ModelEvaluation.Accuracy, ModelEvaluation.F1, ModelEvaluation.Auc };
        var table = new Table().Title("By slice (candidate / stable)").AddColumn("slice");
        foreach (var metric in shown)
        {
            table.AddColumn(metric);
        }

        foreach (var (slice, metrics) in comparison.Candidate.Slices)
        {
            var baseline = comparison.Baseline?.Slices.GetValueOrDefault(slice);
            table.AddRow([MarkupText.Of(slice), .. shown.Select(m => Pair(metrics, baseline, m))]);
        }

        console.Write(table);
    }

    private static string Pair(IReadOnlyDictionary<string, double> candidate, IReadOnlyDictionary<string, double>? baseline, string metric)
    {
        var mine = candidate.TryGetValue(metric, out var c) ? Number(c) : "—";
        return baseline is null ? mine : $"{mine} / {(baseline.TryGetValue(metric, out var s) ? Number(s) : "—")}";
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.####;-0.####;0", CultureInfo.InvariantCulture);
}
