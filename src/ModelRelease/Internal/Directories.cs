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

    /// <summary>
    /// Creates the new directory <paramref name="path"/>, and its missing parents as <see cref="Create"/> does. An
    /// empty parent can vanish before the new directory is in it: a change of a model with no version yet (another
    /// job's recorded validation, or its failed first push) removes that model's empty directories. The parents are
    /// then made again, never made on the way without the sync a later rename into them relies on. The new
    /// directory's own entry is left to the caller to sync, with what it then puts or renames there.
    /// </summary>
    /// <param name="path">The directory to make; nothing may have its name yet.</param>
    /// <param name="beforeMaking">Called after the parents exist and before the directory is made (a test hook).</param>
    /// <exception cref="IOException">Something has that name already, or the parents vanished on every attempt.</exception>
    public static void CreateNew(string path, Action? beforeMaking = null)
    {
        const int attempts = 5;
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"Cannot make '{full}': it is a filesystem root.");
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            try
            {
                Create(parent);
                beforeMaking?.Invoke();
                if (Posix.MakeDirectory(full))
                {
                    return;
                }
            }
            catch (IOException) when (attempt < attempts && !Directory.Exists(parent))
            {
                // Removed while it was being made, before the sync of the directory that holds it: made again.
            }
        }

        throw new IOException(
            $"Could not make '{full}': its parent '{parent}' was removed {attempts} times as soon as it was made, as another job clears empty directories. " +
            "Nothing was copied; run the step again.");
    }
}
