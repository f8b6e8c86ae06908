using System.Text.Json;
using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>History: the audit log as a table or JSON.</summary>
public static class HistoryView
{
    /// <summary>
    /// Prints <paramref name="events"/> in the order given (History gives newest first); <paramref name="olderBefore"/>,
    /// when older events match too, is the <c>--before</c> of the next page.
    /// </summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<RegistryEvent> events, bool json, long? olderBefore = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(events);
        if (json)
        {
            var rows = events.Select(e => new
            {
                id = e.Id,
                at = e.At,
                model = e.Model,
                kind = EventKindNames.Of(e.Kind),
                label = e.Label,
                from = e.FromVersion,
                to = e.ToVersion,
                actor = e.Actor,
                host = e.Host,
                reason = e.Reason,
                evidence = e.ReadEvidence(),
                executionId = e.ExecutionId,
            });
            JsonOutput.WriteDocument(console.Profile.Out.Writer, "events", rows, new Dictionary<string, object?>
            {
                ["next"] = olderBefore is { } before ? new { before } : null,
            });
            return;
        }

        if (events.Count == 0)
        {
            console.MarkupLine("No events match.");
            return;
        }

        var table = new Table().Title($"Audit log: {(olderBefore is null ? "" : "newest ")}{events.Count} {(events.Count == 1 ? "event" : "events")}, newest first")
            .AddColumn("#").AddColumn("at (UTC)").AddColumn("model").AddColumn("event").AddColumn("change").AddColumn("by").AddColumn("reason");
        foreach (var e in events)
        {
            table.AddRow(
                e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReleaseText.Time(e.At).TrimEnd('Z'),
                MarkupText.Of(e.Model),
                EventKindNames.Of(e.Kind),
                MarkupText.Of(Change(e)),
                MarkupText.Of($"{e.Actor}@{e.Host}"),
                MarkupText.Of(e.Reason));
        }

        console.Write(table);
        if (olderBefore is { } next)
        {
            console.MarkupLineInterpolated($"Older events match too: add --before={next} for the next page (--limit sets its size).");
        }
    }

    private static string Change(RegistryEvent e) => e.Label is null
        ? e.ToVersion ?? "(candidate)"
        : $"{e.Label}: {e.FromVersion ?? "unset"} → {e.ToVersion ?? "unset"}";
}
