using System.Text;

namespace ModelRelease.Pipelines.Output;

/// <summary>
/// Text from outside (a reason, a version or check name, a metric value) made safe for GitHub's Markdown: it renders
/// as the same characters, never as a tag, a link, emphasis or a new table cell, and stays on one line.
/// </summary>
internal static class MarkdownText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '|': escaped.Append("&#124;"); break;
                case '\r' or '\n' or '\t': escaped.Append(' '); break;
                // A link or an image needs '[' and ']', so with those escaped '(' , ')' and '!' can stay as they are.
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '~':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>A Markdown table: a header row, the separator, then each row, every cell escaped.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var table = new StringBuilder();
        table.Append("| ").AppendJoin(" | ", header.Select(Escape)).Append(" |\n");
        table.Append('|').AppendJoin('|', header.Select(_ => " --- ")).Append("|\n");
        foreach (var row in rows)
        {
            table.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
        }

        return table.ToString();
    }
}
