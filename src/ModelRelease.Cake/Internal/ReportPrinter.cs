using System.Globalization;
using Cake.Core.Diagnostics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ModelRelease.Cake.Internal;

/// <summary>The closing task/duration/status table, printed after every run, failed ones included.</summary>
internal static class ReportPrinter
{
    public static void Print(HostConsole console, Verbosity verbosity, IReadOnlyList<TaskOutcome> outcomes)
    {
        if (verbosity == Verbosity.Quiet || outcomes.Count == 0)
        {
            return;
        }

        var rows = Rows(outcomes);
        if (!ReportLines.TryWrite(console.Writer, console.Color, console.Width, rows))
        {
            PrintWithSpectre(console.Out, rows);
        }
    }

    /// <summary>The rows: one per task, an empty one, then the total.</summary>
    internal static List<ReportLines.Row> Rows(IReadOnlyList<TaskOutcome> outcomes)
    {
        var rows = new List<ReportLines.Row>(outcomes.Count + 2);
        var total = TimeSpan.Zero;
        foreach (var outcome in outcomes)
        {
            total += outcome.Duration;
            var status = outcome.Note is null ? outcome.Status.ToString() : $"{outcome.Status} ({DisplayText.Escape(outcome.Note)})";
            rows.Add(new ReportLines.Row(outcome.Name, Format(outcome.Duration), status, Colour(outcome.Status)));
        }

        rows.Add(new ReportLines.Row(string.Empty, string.Empty, string.Empty, null));
        rows.Add(new ReportLines.Row("Total", Format(total), string.Empty, null));
        return rows;
    }

    /// <summary>The same table through Spectre, for what <see cref="ReportLines"/> cannot lay out exactly (and to check it against).</summary>
    internal static void PrintWithSpectre(IAnsiConsole console, IReadOnlyList<ReportLines.Row> rows)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Task")
            .AddColumn(new TableColumn("Duration").RightAligned())
            .AddColumn("Status");
        foreach (var row in rows)
        {
            var status = row.StatusColour is null ? (IRenderable)new Text(row.Status) : new Markup($"[{row.StatusColour}]{Markup.Escape(row.Status)}[/]");
            table.AddRow(new Text(row.Task), new Text(row.Duration), status);
        }

        console.WriteLine();
        console.Write(table);
    }

    private static string Format(TimeSpan duration) =>
        duration.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static string Colour(TaskStatus status) => status switch
    {
        TaskStatus.Failed => "red",
        TaskStatus.Skipped => "grey",
        TaskStatus.Planned => "blue",
        _ => "green",
    };
}
