using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Prints a dry run's changes: each as its task plans it, and, when several tasks planned changes, the whole run's plan
/// at the end, task by task in the order they would run, so a reviewer reads one list of what the real run would do.
/// </summary>
internal static class CombinedPlanPrinter
{
    public static void WriteChange(HostConsole console, PlannedChange change, string indent) =>
        console.Out.MarkupLine($"{indent}[{Colour(change.Kind)}]would[/] {Markup.Escape(DisplayText.Escape(change.Description))}");

    public static void Print(HostConsole console, IReadOnlyList<(string Task, ChangePlan Plan)> plans)
    {
        var changing = plans.Where(p => !p.Plan.IsEmpty).ToList();
        if (changing.Count < 2)
        {
            // One task's plan was just printed under its heading; repeating it adds nothing.
            return;
        }

        var count = changing.Sum(p => p.Plan.Changes.Count);
        console.Out.WriteLine();
        console.Out.MarkupLine($"[blue]Plan of the whole run[/] ({Markup.Escape(string.Join(" → ", plans.Select(p => p.Task)))}): {count} {(count == 1 ? "change" : "changes")}, nothing changed yet.");
        foreach (var (task, plan) in changing)
        {
            console.Out.MarkupLine($"  [bold]{Markup.Escape(task)}[/]");
            foreach (var change in plan.Changes)
            {
                WriteChange(console, change, "    ");
            }
        }
    }

    /// <summary>Deletions stand out in red and label moves in yellow: the changes a reviewer of a rehearsal looks for first.</summary>
    private static string Colour(ChangeKind kind) => kind switch
    {
        ChangeKind.Delete => "red",
        ChangeKind.Move => "yellow",
        ChangeKind.Run => "default",
        _ => "blue",
    };
}
