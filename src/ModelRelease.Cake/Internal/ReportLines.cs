using System.Text;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// The closing task/duration/status table as plain lines, byte for byte what Spectre writes for the same table with
/// its simple border: a blank top line, the header, a rule, the rows, a blank bottom line. Laying the table out with
/// Spectre costs a command like a rollback about as much as its whole label move; this writer costs nothing.
/// It only takes tables it can lay out exactly: printable ASCII cells (each one column wide), a line that fits the
/// width, and a writer whose encoding can carry the rule's box-drawing character. Anything else is left to Spectre.
/// </summary>
internal static class ReportLines
{
    /// <summary>One row's cells; <see cref="StatusColour"/> is the status's colour, a style <see cref="MarkupLines"/> writes (red, grey, blue or green), or null for none.</summary>
    internal sealed record Row(string Task, string Duration, string Status, string? StatusColour);

    private static readonly Row Header = new("Task", "Duration", "Status", null);

    /// <summary>Writes the table and returns true, or writes nothing and returns false when it cannot match Spectre exactly.</summary>
    public static bool TryWrite(TextWriter writer, bool color, int width, IReadOnlyList<Row> rows)
    {
        if (!writer.Encoding.EncodingName.Contains("Unicode", StringComparison.Ordinal))
        {
            return false; // Spectre draws the rule in ASCII there
        }

        int task = Header.Task.Length, duration = Header.Duration.Length, status = Header.Status.Length;
        foreach (var row in rows)
        {
            if (!IsPlain(row.Task) || !IsPlain(row.Duration) || !IsPlain(row.Status) || (row.StatusColour is not null && MarkupLines.Escape(row.StatusColour) is null))
            {
                return false;
            }

            task = Math.Max(task, row.Task.Length);
            duration = Math.Max(duration, row.Duration.Length);
            status = Math.Max(status, row.Status.Length);
        }

        // A border, then each column with a space either side, columns a space apart, then a border.
        var lineWidth = task + duration + status + (3 * 3) + 1;
        if (lineWidth > width)
        {
            return false; // Spectre would shrink and wrap the columns
        }

        // One write, ending each line as Spectre does (Environment.NewLine, whatever the writer's NewLine).
        var nl = Environment.NewLine;
        var table = new StringBuilder(nl).Append(' ', lineWidth).Append(nl)
            .Append(Line(Header, color, task, duration, status)).Append(nl)
            .Append('─', lineWidth).Append(nl);
        foreach (var row in rows)
        {
            table.Append(Line(row, color, task, duration, status)).Append(nl);
        }

        writer.Write(table.Append(' ', lineWidth).Append(nl).ToString());
        return true;
    }

    private static string Line(Row row, bool color, int task, int duration, int status)
    {
        var styled = color && row.StatusColour is { } colour && MarkupLines.Escape(colour) is { } style && row.Status.Length > 0
            ? style + row.Status + MarkupLines.Reset
            : row.Status;
        return "  " + row.Task.PadRight(task) + "   " + row.Duration.PadLeft(duration) + "   " + styled + new string(' ', status - row.Status.Length) + "  ";
    }

    private static bool IsPlain(string text)
    {
        foreach (var c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
