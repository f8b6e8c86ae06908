using System.Globalization;
using Cake.Core.Diagnostics;
using Spectre.Console;

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

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Task")
            .AddColumn(new TableColumn("Duration").RightAligned())
            .AddColumn("Status");
        foreach (var outcome in outcomes)
        {
            var status = outcome.Note is null ? outcome.Status.ToString() : $"{outcome.Status} ({DisplayText.Escape(outcome.Note)})";
            table.AddRow(
                new Text(outcome.Name),
                new Text(Format(outcome.Duration)),
                new Markup($"[{Colour(outcome.Status)}]{Markup.Escape(status)}[/]"));
        }

        var total = TimeSpan.FromTicks(outcomes.Sum(o => o.Duration.Ticks));
        table.AddEmptyRow();
        table.AddRow(new Text("Total"), new Text(Format(total)), new Text(string.Empty));
        console.Out.WriteLine();
        console.Out.Write(table);
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
