using System.Globalization;
using System.Text;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// The lines of <c>--tree</c>: each task's name in bold and its description in grey, word-wrapped to the width under
/// its guide, with the escapes Spectre writes for the same styles (bold, grey from the standard 16 colours, reset).
/// </summary>
internal sealed class TreeLines(TextWriter writer, bool color, int width)
{
    private const string Bold = "\u001b[1m";
    private const string GreyColour = "\u001b[90m";
    private const string Reset = "\u001b[0m";

    /// <summary><paramref name="text"/> in grey where colour is on.</summary>
    public string Grey(string text) => Styled(GreyColour, text);

    /// <summary>
    /// One task: <paramref name="firstPrefix"/> and the name, then the description's words while they fit; each
    /// further line starts with <paramref name="restPrefix"/>. A word wider than a whole line stays whole.
    /// </summary>
    public void Label(string firstPrefix, string restPrefix, string name, string description)
    {
        var line = new StringBuilder(firstPrefix).Append(Styled(Bold, name));
        var used = Cells(firstPrefix) + Cells(name);
        var words = new StringBuilder(); // the description's words on the current line, grey together
        var lineHasText = true;
        foreach (var word in description.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = Cells(word);
            if (lineHasText && used + 1 + cells > width)
            {
                WriteLine(line, words);
                line.Clear().Append(restPrefix);
                used = Cells(restPrefix);
                lineHasText = false;
            }

            if (lineHasText)
            {
                // The space after the name is plain, as Spectre writes it; the ones between words are grey.
                (words.Length == 0 ? line : words).Append(' ');
                used++;
            }

            words.Append(word);
            used += cells;
            lineHasText = true;
        }

        WriteLine(line, words);
    }

    private void WriteLine(StringBuilder line, StringBuilder words)
    {
        if (words.Length > 0)
        {
            line.Append(Grey(words.ToString()));
            words.Clear();
        }

        writer.WriteLine(line.ToString());
    }

    private string Styled(string style, string text) => color && text.Length > 0 ? style + text + Reset : text;

    /// <summary>
    /// The columns <paramref name="text"/> takes at a terminal: none for a combining mark, two for East Asian wide
    /// characters and for characters outside the BMP (emoji), one otherwise. Only used to decide where to wrap.
    /// </summary>
    internal static int Cells(string text)
    {
        var cells = 0;
        foreach (var c in text)
        {
            cells += c switch
            {
                < '\u0300' => 1,
                _ when char.IsLowSurrogate(c) => 0,
                _ when char.IsHighSurrogate(c) => 2,
                _ when CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => 0,
                _ when IsWide(c) => 2,
                _ => 1,
            };
        }

        return cells;
    }

    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\u303E') or (>= '\u3041' and <= '\u33FF')
            or (>= '\u3400' and <= '\u4DBF') or (>= '\u4E00' and <= '\u9FFF') or (>= '\uA000' and <= '\uA4CF')
            or (>= '\uAC00' and <= '\uD7A3') or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F')
            or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');
}
