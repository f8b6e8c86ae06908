using System.Globalization;
using System.Text;

namespace ModelRelease;

/// <summary>
/// Text that came from a user or from the store (reasons, names, metric names, actor, host) made safe to print. A
/// newline in a value would start a new output line that a CI runner reads as a command (<c>::error::…</c> in
/// GitHub Actions); an ESC would replay terminal escapes (clear the screen, forge a hyperlink); a bidi override would
/// show text in another order than it is stored. Each such character is shown as a visible <c>\uXXXX</c> escape.
/// </summary>
public static class DisplayText
{
    /// <summary><paramref name="text"/> with every control, bidi and line-separator character written as <c>\uXXXX</c>; null gives "".</summary>
    public static string Escape(string? text) => Escape(text, NeedsEscape);

    /// <summary><paramref name="text"/> with each character <paramref name="needsEscape"/> picks written as <c>\uXXXX</c> (for text in other syntaxes, such as JSON).</summary>
    public static string Escape(string? text, Func<char, bool> needsEscape)
    {
        ArgumentNullException.ThrowIfNull(needsEscape);
        if (string.IsNullOrEmpty(text) || !text.Any(needsEscape))
        {
            return text ?? "";
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (needsEscape(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// C0 and C1 controls and DEL (<see cref="char.IsControl(char)"/>), the Unicode line and paragraph separators, and
    /// the bidi marks, embeddings, overrides and isolates (the "Trojan Source" characters).
    /// </summary>
    public static bool NeedsEscape(char c) =>
        char.IsControl(c) || c is '\u2028' or '\u2029' or '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069');
}
