namespace ModelRelease.Internal;

/// <summary>
/// Names for the temporary sibling a file or link is built under before it is renamed into place: same directory
/// (rename is only atomic within one filesystem), hidden (a leading dot, so listings and TF Serving skip it), and
/// unique per process and call (two jobs at once never share one).
/// </summary>
internal static class TempName
{
    /// <summary><c>&lt;dir&gt;/.&lt;name&gt;.tmp-&lt;pid&gt;-&lt;random&gt;</c> next to <paramref name="fullPath"/>.</summary>
    public static string For(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"'{fullPath}' is a root directory and has no parent to hold a temporary file.", nameof(fullPath));
        // Uniqueness, not secrecy: Random.Shared is seeded from the OS per process. (RandomNumberGenerator would load
        // OpenSSL, about 9 ms of every label move's start, for bytes nobody has to guess.)
        Span<byte> bytes = stackalloc byte[RandomDigits / 2];
        Random.Shared.NextBytes(bytes);
        var random = Convert.ToHexStringLower(bytes);
        return Path.Join(directory, $".{Path.GetFileName(fullPath)}.tmp-{Environment.ProcessId}-{random}");
    }

    /// <summary>True for a name <see cref="For"/> made: a leftover of a process that died before its rename.</summary>
    /// <remarks>
    /// Read from the end: 12 lower-case hex digits, a '-', the process id's digits, ".tmp-", then at least one character
    /// of the original name (no line break) after the leading dot. Checked by hand rather than by a regex: each label
    /// move looks at every entry of the model's directory, and the first generated regex of an assembly builds the
    /// search tables of all of them.
    /// </remarks>
    public static bool IsTemporary(string name)
    {
        var dash = name.Length - RandomDigits - 1;
        if (dash < 0 || name[dash] != '-')
        {
            return false;
        }

        for (var i = dash + 1; i < name.Length; i++)
        {
            if (name[i] is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        var pid = dash;
        while (pid > 0 && char.IsAsciiDigit(name[pid - 1]))
        {
            pid--;
        }

        const string Marker = ".tmp-";
        var original = pid - Marker.Length; // where the original name ends
        return pid < dash
            && original >= 2
            && name.AsSpan(original, Marker.Length).SequenceEqual(Marker)
            && name[0] == '.'
            && !name.AsSpan(1, original - 1).Contains('\n');
    }

    /// <summary>The hex digits of the random part (6 bytes).</summary>
    private const int RandomDigits = 12;
}
