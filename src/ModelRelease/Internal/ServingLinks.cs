namespace ModelRelease.Internal;

/// <summary>
/// How a label (<c>stable</c>, <c>canary</c>, <c>golden</c>) or a TF Serving number points at a version directory.
/// Every change is atomic: a reader resolving the link sees the old target or the new one, never nothing.
/// </summary>
internal abstract class ServingLinks
{
    /// <summary>Symlinks on Linux and macOS; pointer files on Windows, where creating symlinks needs a privilege.</summary>
    public static ServingLinks ForCurrentPlatform() =>
        OperatingSystem.IsWindows() ? new PointerFileServingLinks() : new SymlinkServingLinks();

    /// <summary>
    /// Atomically makes <paramref name="linkPath"/> point at <paramref name="relativeTarget"/>, a '/'-separated path
    /// relative to the link's directory (e.g. <c>versions/v-20261128-101500</c> or <c>../versions/v-…</c>).
    /// </summary>
    /// <exception cref="IOException">
    /// <paramref name="linkPath"/> is something other than a link of this kind (a real directory or file, which is
    /// never replaced), or the change could not be made.
    /// </exception>
    public abstract void Point(string linkPath, string relativeTarget);

    /// <summary>The relative target <paramref name="linkPath"/> points at, as given to <see cref="Point"/>; null when there is no link.</summary>
    /// <exception cref="IOException"><paramref name="linkPath"/> is something other than a link of this kind.</exception>
    public abstract string? TargetOf(string linkPath);

    /// <summary>Deletes the link, never its target; no error when it is already gone.</summary>
    /// <exception cref="IOException"><paramref name="linkPath"/> is something other than a link of this kind.</exception>
    public abstract void Remove(string linkPath);

    /// <summary>Refuses a target that is not a plain relative path: it must stay valid when the serving root moves.</summary>
    protected static void RequireRelativeTarget(string relativeTarget)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativeTarget);
        if (Path.IsPathRooted(relativeTarget) || relativeTarget.StartsWith('/') || relativeTarget.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"A link target must be a relative path without control characters, such as versions/v-20261128-101500; got '{relativeTarget}'.",
                nameof(relativeTarget));
        }
    }

    /// <summary>The link's absolute path without a trailing separator, so "stable/" names the link, not its target.</summary>
    protected static string FullPath(string linkPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(linkPath);
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(linkPath));
    }

    /// <summary>The error for a path that holds something this class must not replace or delete.</summary>
    protected static IOException NotALink(string linkPath, string whatItIs) => new(
        $"'{linkPath}' is {whatItIs}, not a serving link; refusing to replace or delete it, since it may hold data. Move it aside (or delete it if it is not needed) and run the command again.");

    /// <summary>How a file kind reads in <see cref="NotALink"/>.</summary>
    protected static string Describe(FileKind kind) => kind == FileKind.Directory ? "a real directory" : "a " + FileKindNames.Describe(kind);
}
