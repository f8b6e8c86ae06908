namespace ModelRelease.Internal;

/// <summary>
/// Serving links as relative symlinks, which TF Serving and every other reader follow without knowing about them.
/// A change builds the new link under a temporary name and renames it over the old one (rename(2) replaces a
/// symlink atomically, even one to a directory), then syncs the directory so the change survives a crash.
/// </summary>
internal sealed class SymlinkServingLinks : ServingLinks
{
    /// <inheritdoc />
    public override void Point(string linkPath, string relativeTarget)
    {
        RequireRelativeTarget(relativeTarget);
        var link = FullPath(linkPath);
        var kind = Posix.KindOf(link);
        if (kind is not (FileKind.Missing or FileKind.Symlink))
        {
            throw NotALink(link, Describe(kind));
        }

        var temp = TempName.For(link);
        try
        {
            File.CreateSymbolicLink(temp, relativeTarget);
            Posix.Rename(temp, link);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }

        Posix.FsyncDirectory(Path.GetDirectoryName(link)!);
    }

    /// <inheritdoc />
    public override string? TargetOf(string linkPath)
    {
        var link = FullPath(linkPath);
        return Posix.KindOf(link) switch
        {
            FileKind.Missing => null,
            FileKind.Symlink => new FileInfo(link).LinkTarget,
            var kind => throw NotALink(link, Describe(kind)),
        };
    }

    /// <inheritdoc />
    public override void Remove(string linkPath)
    {
        var link = FullPath(linkPath);
        switch (Posix.KindOf(link))
        {
            case FileKind.Missing:
                return;
            case FileKind.Symlink:
                // unlink(2) removes the link itself; the version it points at is not touched.
                File.Delete(link);
                Posix.FsyncDirectory(Path.GetDirectoryName(link)!);
                return;
            case var kind:
                throw NotALink(link, Describe(kind));
        }
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            if (Posix.KindOf(temp) == FileKind.Symlink)
            {
                File.Delete(temp);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a stray hidden temp link is harmless.
        }
    }
}
