using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>Prints a Verify report: one row per finding with its fix, or one line when the root is clean.</summary>
internal static class VerifyView
{
    public static void Print(IAnsiConsole console, VerifyReport report, string root)
    {
        if (report.IsClean)
        {
            console.MarkupLineInterpolated($"[green]Verified {root}:[/] {report.VersionsChecked} live {(report.VersionsChecked == 1 ? "version" : "versions")} match their manifests; links, configs, journal and task runs agree with the registry.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("kind", "path", "problem", "fix");
        foreach (var finding in report.Findings)
        {
            table.AddRow(
                Markup.Escape(finding.Kind),
                Markup.Escape(finding.Path),
                Markup.Escape(finding.Problem),
                (finding.Repairable ? "" : "[red](by hand)[/] ") + Markup.Escape(finding.Fix));
        }

        console.Write(table);
        var repairable = report.Findings.Count(f => f.Repairable);
        console.MarkupLineInterpolated($"[red]{report.Findings.Count} {(report.Findings.Count == 1 ? "finding" : "findings")}[/] in {root} ({report.VersionsChecked} live versions hashed); {repairable} can be repaired with --repair.");
    }
}
