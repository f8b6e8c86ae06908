namespace ModelRelease.Tests.Fixtures;

/// <summary>
/// A fresh directory under the system temp directory, deleted with everything in it on dispose. Read-only bits
/// are cleared first (the copier makes files read-only, and Windows will not delete those), without following
/// symlinks: a test's link to /etc or /dev/null must never have its target touched.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelrelease-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// The full path with every symlink in it resolved: the temp directory itself may sit behind one (on macOS
    /// /var is a link to /private/var), and code that resolves links reports real paths.
    /// </summary>
    public string RealPath
    {
        get
        {
            var real = System.IO.Path.GetPathRoot(Path)!;
            foreach (var part in Path[real.Length..].Split(System.IO.Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            {
                real = System.IO.Path.Join(real, part);
                real = new FileInfo(real).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? real;
            }

            return real;
        }
    }

    /// <summary>A path inside the directory, with '/'-separated <paramref name="relative"/> segments.</summary>
    public string Combine(string relative) =>
        System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Writes a file (creating its directories) and returns its full path.</summary>
    public string WriteFile(string relative, string content)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a file of raw bytes (creating its directories) and returns its full path.</summary>
    public string WriteFile(string relative, byte[] content)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Creates a directory (and its parents) and returns its full path.</summary>
    public string CreateDirectory(string relative) => Directory.CreateDirectory(Combine(relative)).FullName;

    public void Dispose()
    {
        if (!Directory.Exists(Path))
        {
            return;
        }

        MakeDeletable(new DirectoryInfo(Path));
        Directory.Delete(Path, recursive: true);
    }

    private static void MakeDeletable(DirectoryInfo directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false };
        foreach (var entry in directory.EnumerateFileSystemInfos("*", options))
        {
            // chmod follows symlinks, so a link is left as it is: deleting it never needs its target's mode.
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo child)
            {
                MakeDeletable(child);
            }
            else if ((entry.Attributes & FileAttributes.ReadOnly) != 0)
            {
                entry.Attributes &= ~FileAttributes.ReadOnly;
            }
        }
    }
}
