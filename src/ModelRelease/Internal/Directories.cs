namespace ModelRelease.Internal;

/// <summary>Creating directories so that they survive a power cut along with what is later renamed into them.</summary>
internal static class Directories
{
    /// <summary>
    /// Creates <paramref name="path"/> and any missing parents, fsyncing each new entry's parent: a rename into a
    /// directory whose own creation was never made durable could vanish with it.
    /// </summary>
    public static void Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        var parent = Path.GetDirectoryName(full);
        if (parent is not null)
        {
            Create(parent);
        }

        Directory.CreateDirectory(full);
        if (parent is not null)
        {
            Posix.FsyncDirectory(parent);
        }
    }
}
