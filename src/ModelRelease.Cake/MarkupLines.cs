using System.Globalization;
using System.Text;
using ModelRelease.Cake.Internal;
using Spectre.Console;

namespace ModelRelease.Cake;

/// <summary>
/// <see cref="AnsiConsoleExtensions.MarkupLine(IAnsiConsole, string)"/> for one short line of simple markup, written
/// straight to the console's writer, byte for byte as Spectre writes it: plain text, escaped brackets, and
/// <c>[bold]</c>, <c>[green]</c>, <c>[yellow]</c>, <c>[red]</c>, <c>[grey]</c> or <c>[blue]</c> spans, not nested.
/// Spectre's markup parser and layout cost a release step's first lines about as much as its whole label move; a line
/// this cannot match exactly (other styles, a line that would wrap, characters of uncertain width, a console with
/// another colour system) goes to Spectre as before. Not for use while a live display (a progress bar) is running:
/// Spectre redraws around its own writes only.
/// </summary>
public static class MarkupLines
{
    /// <summary>The escape Spectre writes after a styled span.</summary>
    internal const string Reset = "\u001b[0m";

    /// <summary>Writes <paramref name="markup"/> and a line break, as <c>MarkupLine</c> does.</summary>
    public static void WriteMarkupLine(this IAnsiConsole console, string markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(markup);
        var (writer, ansi, width) = console is DeferredConsole { IsCreated: false } host
            ? (host.Writer, host.Ansi, host.Width)
            : Target(console.Profile);
        if (ansi is { } escapes && Render(markup, escapes, width) is { } line)
        {
            writer.Write(line + Environment.NewLine);
        }
        else
        {
            console.MarkupLine(markup);
        }
    }

    /// <summary>Writes <paramref name="markup"/>, its values escaped, and a line break, as <c>MarkupLineInterpolated</c> does.</summary>
    public static void WriteMarkupLineInterpolated(this IAnsiConsole console, FormattableString markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        // As Spectre fills an interpolated line: text values escaped, other values formatted as they are.
        var values = markup.GetArguments();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is string text)
            {
                values[i] = Markup.Escape(text);
            }
        }

        console.WriteMarkupLine(string.Format(CultureInfo.CurrentCulture, markup.Format, values));
    }

    /// <summary>Where a console writes, and whether with the escapes of the standard 16 colours (true), none (false), or others (null).</summary>
    private static (TextWriter Writer, bool? Ansi, int Width) Target(Profile profile) =>
        (profile.Out.Writer, (profile.Capabilities.Ansi, profile.Capabilities.ColorSystem) switch
        {
            (true, ColorSystem.Standard) => true,
            (false, ColorSystem.NoColors) => false,
            _ => null,
        }, profile.Width);

    /// <summary>The line as Spectre writes it (escapes included where <paramref name="ansi"/>), or null when this cannot tell.</summary>
    internal static string? Render(string markup, bool ansi, int width)
    {
        var line = new StringBuilder(markup.Length + 16);
        var cells = 0;
        string? style = null; // the open span's escape
        var spanStart = -1; // where the open span's text starts in line
        for (var i = 0; i < markup.Length; i++)
        {
            var c = markup[i];
            if (c is '[' or ']' && i + 1 < markup.Length && markup[i + 1] == c)
            {
                line.Append(c);
                cells++;
                i++;
            }
            else if (c == '[')
            {
                var close = markup.IndexOf(']', i + 1);
                if (close < 0)
                {
                    return null;
                }

                var tag = markup.AsSpan(i + 1, close - i - 1);
                if (tag is "/" && style is not null)
                {
                    if (ansi)
                    {
                        // An empty span writes nothing at all, as in Spectre.
                        if (line.Length == spanStart)
                        {
                            line.Length -= style.Length;
                        }
                        else
                        {
                            line.Append(Reset);
                        }
                    }

                    style = null;
                }
                else if (style is null && Escape(tag) is { } escape)
                {
                    style = escape;
                    if (ansi)
                    {
                        line.Append(escape);
                    }

                    spanStart = line.Length;
                }
                else
                {
                    return null;
                }

                i = close;
            }
            else if (c == ']' || Cells(c) is not { } width1)
            {
                return null;
            }
            else
            {
                line.Append(c);
                cells += width1;
            }
        }

        return style is null && cells <= width ? line.ToString() : null;
    }

    /// <summary>The escape Spectre writes for a style of the standard 16 colours, or null for one this does not write.</summary>
    internal static string? Escape(ReadOnlySpan<char> style) => style switch
    {
        "bold" => "\u001b[1m",
        "green" => "\u001b[32m",
        "yellow" => "\u001b[93m",
        "red" => "\u001b[91m",
        "grey" => "\u001b[90m",
        "blue" => "\u001b[94m",
        _ => null,
    };

    /// <summary>Columns a character takes: one for printable ASCII and a few common symbols; null for anything else.</summary>
    private static int? Cells(char c) => c switch
    {
        >= ' ' and <= '~' => 1,
        '→' or '←' or '…' or '»' or '«' or '—' or '–' or '·' or '×' or '≤' or '≥' or '✓' or '✗' => 1,
        _ => null,
    };
}
