using System.Text;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// The host's output under GitHub Actions, where the runner reads workflow commands from the log. It reads a line as
/// a command when the line, after leading whitespace, starts with <c>::</c> (<c>::error title=…::</c>,
/// <c>::add-mask::</c>, <c>::stop-commands::</c>), and also wherever <c>##[</c> appears in it (the older syntax).
/// The host itself writes neither, so either one can only come from user or stored text (a reason, a name, a wrapped
/// table cell): such a line is written with a backslash before its <c>::</c>, and <c>##[</c> as <c>##\[</c>.
/// A line's start is held back until it can be judged, so a decision never rests on half of it.
/// </summary>
internal sealed class WorkflowCommandGuard(TextWriter inner) : TextWriter
{
    private const string Command = "::";
    private const string LegacyCommand = "##[";
    private readonly StringBuilder _line = new();
    private static readonly char[] LineEnds = ['\r', '\n'];
    private bool _started;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <summary>True when the environment says the host runs in a GitHub Actions job.</summary>
    public static bool IsActive(Func<string, string?> variable) =>
        string.Equals(variable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // A lone CR ends a line for the runner too; the host never writes one, but text it passes on might.
        var start = 0;
        int newline;
        while ((newline = value.IndexOfAny(LineEnds, start)) >= 0)
        {
            _line.Append(value, start, newline + 1 - start);
            Emit(endOfLine: true);
            start = newline + 1;
        }

        _line.Append(value, start, value.Length - start);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine() => Write(CoreNewLine);

    public override void WriteLine(string? value) => Write(value + new string(CoreNewLine));

    /// <summary>
    /// Writes one of the host's own workflow commands (a group, an annotation, a mask) unguarded, on a line of its own:
    /// a partial line held back or half written is ended first, so the command can never join other text.
    /// </summary>
    internal void WriteCommand(string command)
    {
        if (_line.Length > 0 || _started)
        {
            Emit(endOfLine: true);
            inner.Write(CoreNewLine);
        }

        inner.Write(command);
        inner.Write(CoreNewLine);
        inner.Flush();
    }

    /// <summary>Writes what of a partial line can be judged already; a start that might still become <c>::</c> or <c>##[</c> waits.</summary>
    public override void Flush()
    {
        Emit(endOfLine: false);
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Emit(endOfLine: true);
            inner.Flush();
        }

        base.Dispose(disposing);
    }

    private void Emit(bool endOfLine)
    {
        var text = _line.ToString();
        var hold = 0;
        if (!endOfLine)
        {
            if (!_started && text.TrimStart().Length < Command.Length)
            {
                return;
            }

            // "#" or "##" at the end may yet become "##[".
            hold = text.EndsWith("##", StringComparison.Ordinal) ? 2 : text.EndsWith('#') ? 1 : 0;
        }

        var ready = text[..^hold];
        if (ready.Length > 0)
        {
            inner.Write(_started ? ready.Replace(LegacyCommand, @"##\[", StringComparison.Ordinal) : Guard(ready));
            _started = true;
        }

        _line.Clear().Append(text, text.Length - hold, hold);
        if (endOfLine)
        {
            _started = false;
        }
    }

    /// <summary><paramref name="line"/> as the runner cannot read it as a command; unchanged when it could not be one.</summary>
    internal static string Guard(string line)
    {
        var guarded = line.Replace(LegacyCommand, @"##\[", StringComparison.Ordinal);
        // The runner trims with .NET's own TrimStart (char.IsWhiteSpace), so the same call finds the same start.
        var indent = guarded.Length - guarded.TrimStart().Length;
        return guarded.AsSpan(indent).StartsWith(Command, StringComparison.Ordinal)
            ? string.Concat(guarded.AsSpan(0, indent), "\\", guarded.AsSpan(indent))
            : guarded;
    }
}
