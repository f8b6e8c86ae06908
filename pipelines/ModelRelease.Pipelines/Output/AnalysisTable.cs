using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>Prints an analysis run: each measurement with stable, canary and verdict, then the run's verdict and decision.</summary>
public static class AnalysisTable
{
    /// <summary>Prints <paramref name="analysis"/>; <paramref name="dryRun"/> says the measurements were not recorded.</summary>
    public static void Print(IAnsiConsole console, CanaryAnalysis analysis, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(analysis);
        var run = analysis.Run;
        var title = $"Analysis {(run.Id == 0 ? "(new run)" : $"run {run.Id}")} of {MarkupText.Of(run.Model)} canary {MarkupText.Of(run.CanaryVersion)} " +
            $"at {run.Weight}% against stable {MarkupText.Of(run.StableVersion)}";
        var table = new Table().Title(title)
            .AddColumn("check").AddColumn("#").AddColumn("at (UTC)").AddColumn("stable").AddColumn("canary").AddColumn("verdict").AddColumn("detail");
        foreach (var m in analysis.Measurements)
        {
            table.AddRow(
                MarkupText.Of(m.Check),
                m.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReleaseText.Time(m.TakenAt).TrimEnd('Z'),
                Value(m.StableValue, m.StableQuery is null ? "n/a" : "—"),
                Value(m.CanaryValue, "—"),
                Verdict(m.Verdict),
                MarkupText.Of(m.Detail));
        }

        if (analysis.Measurements.Count > 0)
        {
            console.Write(table);
        }
        else
        {
            console.MarkupLine($"{title}: no measurements yet.");
        }

        foreach (var (check, verdict) in analysis.Checks)
        {
            var taken = analysis.Measurements.Count(m => m.Check == check.Name && m.Verdict != MeasurementVerdict.Error);
            console.MarkupLine($"  {MarkupText.Of(check.Name)}: {Verdict(verdict)}, {taken} of {check.Count} measurements, " +
                $"success when {MarkupText.Of(check.SuccessCondition.Text)}{(check.FailureCondition is { } f ? $", failure when {MarkupText.Of(f.Text)}" : "")}");
        }

        var recorded = dryRun ? " (dry run: nothing recorded)" : analysis.Taken > 0 ? $" ({analysis.Taken} new {(analysis.Taken == 1 ? "measurement" : "measurements")} recorded)" : "";
        console.MarkupLine($"Verdict: {Verdict(analysis.Verdict)}{recorded}. Decision: [bold]{MarkupText.Of(analysis.DecisionText)}[/].");
        if (analysis.Verdict != AnalysisVerdict.Running)
        {
            console.MarkupLine($"  because {MarkupText.Of(analysis.Explanation())}");
        }
    }

    /// <summary>One line for a measurement as it lands, before the run's table.</summary>
    public static void PrintMeasurement(IAnsiConsole console, AnalysisMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(measurement);
        var m = measurement;
        console.MarkupLine($"  {MarkupText.Of(m.Check)} #{m.Seq}: canary {Value(m.CanaryValue, "—")}, " +
            $"stable {Value(m.StableValue, m.StableQuery is null ? "n/a" : "—")} → {m.Verdict.ToString().ToLowerInvariant()}");
    }

    private static string Value(double? value, string missing) => value is { } v ? MarkupText.Of(ReleaseText.Number(v)) : missing;

    private static string Verdict(MeasurementVerdict verdict) => verdict switch
    {
        MeasurementVerdict.Successful => "[green]successful[/]",
        MeasurementVerdict.Failed => "[red]FAILED[/]",
        MeasurementVerdict.Inconclusive => "[yellow]inconclusive[/]",
        _ => "[red]error[/]",
    };

    private static string Verdict(AnalysisVerdict verdict) => verdict switch
    {
        AnalysisVerdict.Successful => "[green]Successful[/]",
        AnalysisVerdict.Failed => "[red]Failed[/]",
        AnalysisVerdict.Inconclusive => "[yellow]Inconclusive[/]",
        AnalysisVerdict.Error => "[red]Error[/]",
        _ => "[blue]Running[/]",
    };
}
