namespace ModelRelease.Internal;

/// <summary>Deleting a version copy, whose files are read-only because a copy is immutable once pushed.</summary>
internal static class FileTree
{
    /// <summary>
    /// Deletes each of the directories that is empty, innermost first, so a model with no versions leaves no empty
    /// tree. Stops if one gains an entry while being deleted: another job is putting something there.
    /// </summary>
    public static void DeleteEmptyDirectories(params string[] innermostFirst)
    {
        foreach (var directory in innermostFirst)
        {
            try
            {
                if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
                {
                    Directory.Delete(directory);
                }
            }
            catch (IOException)
            {
                return;
            }
        }
    }

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
