using ModelRelease.Onnx;
using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>Prints an infra-validation: each check with what was found, what was expected, and its outcome.</summary>
public static class InfraValidationTable
{
    /// <summary>Prints <paramref name="report"/> and its outcome line.</summary>
    public static void Print(IAnsiConsole console, InfraValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var baseline = report.Baseline is null ? "no stable version yet" : $"against stable {report.Baseline}";
        var table = new Table().Title($"Infra-validation of {MarkupText.Of(report.Model)} candidate ({MarkupText.Of(baseline)})")
            .AddColumn("check").AddColumn("actual").AddColumn("expected").AddColumn("outcome");
        foreach (var check in report.Checks)
        {
            table.AddRow(MarkupText.Of(check.Name), MarkupText.Of(check.Actual), MarkupText.Of(check.Expected), Outcome(check.Outcome));
        }

        console.Write(table);
        console.MarkupLine(report.Outcome switch
        {
            InfraCheckOutcome.Passed => $"[green]Servable:[/] all {report.Checks.Count} checks passed.",
            InfraCheckOutcome.NotChecked => "[yellow]Not checked:[/] this runtime cannot load the candidate, so its servability is unknown (not passed).",
            _ => $"[red]Not servable:[/] {MarkupText.Of(report.FailureText())}",
        });
    }

    private static string Outcome(InfraCheckOutcome outcome) => outcome switch
    {
        InfraCheckOutcome.Passed => "[green]pass[/]",
        InfraCheckOutcome.Failed => "[red]FAIL[/]",
        _ => "[yellow]not checked[/]",
    };
}
