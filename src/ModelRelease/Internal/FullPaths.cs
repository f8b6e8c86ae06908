namespace ModelRelease.Internal;

/// <summary>One way to turn a path into a comparable key, shared by the DVC lookup and the tree walks.</summary>
internal static class FullPaths
{
    /// <summary>Linux file names are case-sensitive; Windows and macOS (by default) are not.</summary>
    public static StringComparison Comparison { get; } = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    /// <summary>The comparer for <see cref="Comparison"/>, for sets and dictionaries of paths.</summary>
    public static StringComparer Comparer { get; } = StringComparer.FromComparison(Comparison);

    /// <summary>Absolute, with "." and ".." resolved by name (links are not followed) and no trailing separator.</summary>
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="root"/> or below it. Both must be real paths: compared
    /// by name only, a link would let "inside" lead anywhere.
    /// </summary>
    public static bool IsInside(string path, string root) =>
        path.Equals(root, Comparison)
        || path.StartsWith(Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar, Comparison);
}
