namespace ModelRelease;

/// <summary>One file of an artifact: its path relative to the artifact root (always '/'-separated), size and SHA-256.</summary>
/// <param name="Path">Relative path with '/' separators, e.g. <c>variables/variables.index</c>.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
public sealed record ManifestEntry(string Path, long Size, string Sha256);
