namespace ModelRelease.Internal;

/// <summary>
/// One entry of a scanned artifact: a file, or an empty directory (<see cref="ManifestEntry.IsDirectory"/>), with
/// where it is read from.
/// </summary>
/// <param name="Entry">Path (relative, '/'-separated), size and SHA-256 as the manifest records them.</param>
/// <param name="SourcePath">
/// Full path of the bytes with every symlink resolved, so a link inside the artifact is copied as the file it
/// points at, and the copy reads exactly what the scan hashed.
/// </param>
internal sealed record ScannedFile(ManifestEntry Entry, string SourcePath);
