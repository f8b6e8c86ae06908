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
        // Uniqueness, not secrecy: Random.Shared is seeded from the OS per process. (RandomNumberGenerator would load
        // OpenSSL, about 9 ms of every label move's start, for bytes nobody has to guess.)
        Span<byte> bytes = stackalloc byte[6];
        Random.Shared.NextBytes(bytes);
        var random = Convert.ToHexStringLower(bytes);
        return Path.Join(directory, $".{Path.GetFileName(fullPath)}.tmp-{Environment.ProcessId}-{random}");
    }

    /// <summary>True for a name <see cref="For"/> made: a leftover of a process that died before its rename.</summary>
    public static bool IsTemporary(string name) => Pattern().IsMatch(name);

    [GeneratedRegex(@"^\..+\.tmp-[0-9]+-[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
