using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>Prints a validation report as a table of checks with actual, expected and verdict.</summary>
public static class ValidationTable
{
    /// <summary>Prints <paramref name="report"/>; <paramref name="version"/> names a pushed version being revalidated.</summary>
    public static void Print(IAnsiConsole console, ValidationReport report, string? version)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var subject = version is null ? "candidate" : version;
        var baseline = report.Baseline is null ? "no stable version yet, so no regression checks" : report.BaselineSource is { } source ? $"compared with {source}" : $"compared with stable {report.Baseline}";
        var table = new Table().Title($"Validation of {MarkupText.Of(report.Model)} {MarkupText.Of(subject)} ({MarkupText.Of(baseline)})")
            .AddColumn("check").AddColumn("actual").AddColumn("expected").AddColumn("verdict");
        foreach (var check in report.Checks)
        {
            table.AddRow(
                MarkupText.Of(check.Name),
                MarkupText.Of(check.Actual),
                MarkupText.Of(check.Expected),
                check.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
        }

        console.Write(table);
        console.MarkupLine(report.Passed
            ? $"[green]Blessed:[/] all {report.Checks.Count} checks passed."
            : $"[red]Rejected:[/] {MarkupText.Of(report.FailureText())}");
    }
}
