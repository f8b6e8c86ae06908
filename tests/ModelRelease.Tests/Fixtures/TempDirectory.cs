using LibGit2Sharp;

namespace ModelRelease.Tests.Fixtures;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
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

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string CreateDirectory(string relative) => Directory.CreateDirectory(Combine(relative)).FullName;

    public string WriteFile(string relative, string content) => WriteFile(relative, System.Text.Encoding.UTF8.GetBytes(content));

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

        ClearReadOnly(new DirectoryInfo(Path));
        Directory.Delete(Path, recursive: true);
    }

    /// <summary>git writes its objects read-only, which Windows will not delete. Links are not followed: they may point outside.</summary>
    private static void ClearReadOnly(DirectoryInfo directory)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo subdirectory)
            {
                ClearReadOnly(subdirectory);
            }
            else if (entry.Attributes.HasFlag(FileAttributes.ReadOnly))
            {
                entry.Attributes &= ~FileAttributes.ReadOnly;
            }
        }
    }
}
