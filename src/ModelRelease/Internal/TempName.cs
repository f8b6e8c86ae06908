using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace ModelRelease.Internal;

/// <summary>
/// Names for the temporary sibling a file or link is built under before it is renamed into place: same directory
/// (rename is only atomic within one filesystem), hidden (a leading dot, so listings and TF Serving skip it), and
/// unique per process and call (two jobs at once never share one).
/// </summary>
internal static partial class TempName
{
    /// <summary><c>&lt;dir&gt;/.&lt;name&gt;.tmp-&lt;pid&gt;-&lt;random&gt;</c> next to <paramref name="fullPath"/>.</summary>
    public static string For(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{fullPath}' is a root directory and has no parent to hold a temporary file.", nameof(fullPath));
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        return Path.Join(directory, $".{Path.GetFileName(fullPath)}.tmp-{Environment.ProcessId}-{random}");
    }

    /// <summary>True for a name <see cref="For"/> made: a leftover of a process that died before its rename.</summary>
    public static bool IsTemporary(string name) => Pattern().IsMatch(name);

    [GeneratedRegex(@"^\..+\.tmp-[0-9]+-[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
