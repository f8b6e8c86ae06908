using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>Prints what Prune keeps, why, what it removes and the bytes reclaimed.</summary>
public static class PruneReport
{
    /// <summary>Prints <paramref name="plan"/>, as done or, in a dry run, as would be done.</summary>
    public static void Print(IAnsiConsole console, PrunePlan plan, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(plan);
        var table = new Table().Title($"Prune {MarkupText.Of(plan.Model)} --keep={plan.Keep}")
            .AddColumn("version").AddColumn("number").AddColumn("size").AddColumn("decision");
        foreach (var kept in plan.Kept)
        {
            table.AddRow(MarkupText.Of(kept.Version.Name), kept.Version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ByteSize.Format(kept.Version.TotalBytes), "[green]keep[/]: " + MarkupText.Of(string.Join(", ", kept.Reasons)));
        }

        foreach (var removed in plan.Removed)
        {
            table.AddRow(MarkupText.Of(removed.Name), removed.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ByteSize.Format(removed.TotalBytes), dryRun ? "[red]would remove[/]" : "[red]removed[/]");
        }

        console.Write(table);
        var verb = dryRun ? "Would remove" : "Removed";
        console.MarkupLine(plan.Removed.Count == 0
            ? "Nothing to prune: every live version is protected or among the newest kept."
            : $"{verb} {plan.Removed.Count} {(plan.Removed.Count == 1 ? "version" : "versions")} ({MarkupText.Of(string.Join(", ", plan.Removed.Select(v => v.Name)))}), reclaiming {ByteSize.Format(plan.BytesReclaimed)}; their metadata stays in the registry for the audit.");
    }
}
