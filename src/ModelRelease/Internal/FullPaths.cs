namespace ModelRelease.Internal;

/// <summary>One way to turn a path into a comparable key, shared by the DVC lookup and the dataset walk.</summary>
internal static class FullPaths
{
    /// <summary>Linux file names are case-sensitive; Windows and macOS (by default) are not.</summary>
    public static StringComparer Comparer { get; } = OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    /// <summary>Absolute, with "." and ".." resolved by name (links are not followed) and no trailing separator.</summary>
    public static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
