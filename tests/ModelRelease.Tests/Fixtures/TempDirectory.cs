using LibGit2Sharp;

namespace ModelRelease.Tests.Fixtures;

/// <summary>
/// A fresh directory under the system temp folder, deleted with everything in it on dispose. Deleting never
/// follows a symlink (a test's link to /etc or /dev/null must never have its target touched) and first undoes
/// what tests leave behind: read-only files (git objects, copied versions; Windows will not delete those) and
/// directories a test made unreadable or unwritable.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modelrelease-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);

        // The tests run inside a checkout of this repository; a temp folder inside a repository would make the git
        // tests read that one instead of the ones they build, and pass or fail for the wrong reason.
        if (Repository.Discover(Path) is { } enclosing)
        {
            Directory.Delete(Path);
            throw new InvalidOperationException(
                $"The temp directory '{Path}' is inside the git repository '{enclosing}'. Point TMPDIR outside any repository.");
        }
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// The full path with every symlink in it resolved: the temp directory itself may sit behind one (on macOS
    /// /var is a link to /private/var), and code that resolves links reports real paths. Worked out here with
    /// .NET's own link API, not the library's, so tests of the library's resolution have an independent oracle.
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

    /// <summary>A path inside the directory, from its segments.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Creates a directory (and its parents) and returns its full path.</summary>
    public string CreateDirectory(string relative) => Directory.CreateDirectory(Combine(relative)).FullName;

    /// <summary>Writes a UTF-8 text file (creating its directories) and returns its full path.</summary>
    public string WriteFile(string relative, string content) => WriteFile(relative, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>Writes a file of raw bytes (creating its directories) and returns its full path.</summary>
    public string WriteFile(string relative, byte[] content)
    {
        var path = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

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
        // Deleting an entry needs its directory writable and searchable, and listing it needs it readable.
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        var options = new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false, IgnoreInaccessible = true };
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
