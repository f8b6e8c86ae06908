namespace ModelRelease.Internal;

/// <summary>Deleting a version copy, whose files are read-only because a copy is immutable once pushed.</summary>
internal static class FileTree
{
    /// <summary>Deletes <paramref name="path"/>: a directory with everything in it, or a file or link (never a link's target).</summary>
    public static void Delete(string path)
    {
        var entry = new DirectoryInfo(path);
        if (entry.Exists && entry.LinkTarget is null)
        {
            foreach (var file in entry.EnumerateFiles("*", SearchOption.AllDirectories))
            {
                // Windows refuses to delete a read-only file; POSIX only needs the directory writable.
                file.Attributes &= ~FileAttributes.ReadOnly;
            }

            entry.Delete(recursive: true);
        }
        else if (entry.Exists || File.Exists(path) || entry.LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
