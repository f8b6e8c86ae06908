using System.Text.Json.Serialization;

namespace ModelRelease;

/// <summary>
/// One file of an artifact: its path relative to the artifact root (always '/'-separated), size and SHA-256. An
/// empty directory is an entry too, so that a copy recreates it: its path ends with '/', its size is 0 and its
/// hash is empty.
/// </summary>
/// <param name="Path">Relative path with '/' separators, e.g. <c>variables/variables.index</c>, or <c>variables/</c> for an empty directory.</param>
/// <param name="Size">Size in bytes; 0 for a directory.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content; empty for a directory.</param>
public sealed record ManifestEntry(string Path, long Size, string Sha256)
{
    /// <summary>True when the entry is an empty directory (its <see cref="Path"/> ends with '/') rather than a file.</summary>
    /// <remarks>Derived from the path, so it is not stored: manifests keep the same JSON form they always had.</remarks>
    [JsonIgnore]
    public bool IsDirectory => Path.EndsWith('/');
}
