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
    /// Creates the new directory <paramref name="path"/>, and its missing parents as <see cref="Create"/> does, made
    /// again should they vanish first (see <see cref="Within"/>). The new directory's own entry is left to the caller
    /// to sync, with what it then puts or renames there.
    /// </summary>
    /// <param name="path">The directory to make; nothing may have its name yet.</param>
    /// <param name="beforeMaking">Called after the parents exist and before the directory is made (a test hook).</param>
    /// <exception cref="IOException">Something has that name already, or the parents vanished on every attempt.</exception>
    public static void CreateNew(string path, Action? beforeMaking = null)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"Cannot make '{full}': it is a filesystem root.");
        Within(parent, () =>
        {
            beforeMaking?.Invoke();

            // mkdir(2), not Directory.CreateDirectory: a parent made on the way would not be synced.
            return Posix.MakeDirectory(full) ? true : throw new DirectoryNotFoundException($"The directory '{parent}' vanished before '{full}' was made in it.");
        });
    }

    /// <summary>
    /// Makes <paramref name="directory"/> (as <see cref="Create"/> does) and runs <paramref name="put"/>, which puts an
    /// entry in it. An empty directory can vanish before the entry is in it: a change of a model with no version yet
    /// (another job's recorded validation) removes that model's empty directories, and a failed first push the empty
    /// ones it made, the journal's too. When that is why <paramref name="put"/> failed, the directory is made again and
    /// <paramref name="put"/> runs again, up to 5 times.
    /// </summary>
    /// <exception cref="IOException">The directory vanished on every attempt, or <paramref name="put"/> failed otherwise.</exception>
    public static T Within<T>(string directory, Func<T> put)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Create(directory);
                return put();
            }
            catch (IOException error) when (!Directory.Exists(directory))
            {
                if (attempt == attempts)
                {
                    throw new IOException(
                        $"'{directory}' was removed {attempts} times as soon as it was made, as another job clears empty directories. Nothing was written in it; run the step again.",
                        error);
                }
            }
        }
    }
}
