using LibGit2Sharp;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>Finds out which code a version is built from: the enclosing git repository, else GitHub Actions' variables.</summary>
public static class GitProvenanceReader
{
    /// <summary>
    /// Reads the provenance of the code at <paramref name="startDirectory"/>.
    /// <list type="bullet">
    /// <item>
    /// Inside a git repository (found by walking up): HEAD's full SHA; the branch, or null with
    /// <see cref="GitProvenance.IsDetached"/> set when HEAD is detached; whether the tree is dirty; <c>origin</c>'s URL
    /// (else the only remote's) without credentials; a tag at HEAD, lightweight or annotated (the ordinal-first name
    /// when several). Dirty means a tracked file is modified, staged, deleted or renamed against HEAD. Untracked and
    /// ignored files do not count, as with <c>git describe --dirty</c>: a training run's outputs in the working tree
    /// do not make the code differ from the commit.
    /// </item>
    /// <item>
    /// In a repository with no commits yet: the commit is <see cref="GitProvenance.UnknownCommit"/>, the branch is the
    /// one the first commit will create, and dirty is computed against the empty tree (so staged files make it dirty).
    /// </item>
    /// <item>
    /// Outside any repository with <c>GITHUB_SHA</c> set: <c>GITHUB_SHA</c>; the branch from <c>GITHUB_HEAD_REF</c>
    /// (pull requests) or <c>GITHUB_REF_NAME</c> when <c>GITHUB_REF_TYPE</c> is <c>branch</c>; the tag from
    /// <c>GITHUB_REF_NAME</c> when it is <c>tag</c>; the remote <c>$GITHUB_SERVER_URL/$GITHUB_REPOSITORY.git</c>;
    /// dirty unknown (null); detached when no branch is known.
    /// </item>
    /// <item>Otherwise <see cref="GitProvenance.Unknown"/>.</item>
    /// </list>
    /// A repository, when there is one, always wins over the environment: it is what was actually built.
    /// </summary>
    /// <param name="startDirectory">The directory to start from, normally the current directory.</param>
    /// <param name="environment">Looks up an environment variable; null when unset. Injected so tests and hosts control it.</param>
    /// <exception cref="RegistryException">
    /// The start directory does not exist; a <c>.git</c> found on the way up is not a readable repository; or
    /// <c>GITHUB_SHA</c> is not a commit SHA.
    /// </exception>
    public static GitProvenance Read(string startDirectory, Func<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startDirectory);
        ArgumentNullException.ThrowIfNull(environment);

        var start = Path.GetFullPath(startDirectory);
        if (!Directory.Exists(start))
        {
            throw new RegistryException($"directory '{start}' does not exist; run from the directory of the code being released.");
        }

        var gitPath = FindRepository(start);
        if (gitPath is not null)
        {
            return ReadRepository(gitPath);
        }

        return GitHubActionsProvenance.Read(environment) ?? GitProvenance.Unknown;
    }

    /// <summary>
    /// libgit2's discovery silently skips a <c>.git</c> it cannot use and keeps walking up, which would record a
    /// parent repository, or nothing, for code that sits in a broken one. So the nearest <c>.git</c> is checked
    /// first, and a broken one is an error rather than a fallback.
    /// </summary>
    private static string? FindRepository(string start)
    {
        var nearest = NearestDotGit(start);
        try
        {
            if (nearest is not null && !Repository.IsValid(nearest))
            {
                throw Unreadable(Path.Combine(nearest, ".git"), "it is not a valid repository (HEAD, objects or refs are missing or damaged)");
            }

            return Repository.Discover(start);
        }
        catch (LibGit2SharpException exception)
        {
            throw Unreadable(nearest ?? start, exception);
        }
    }

    private static string? NearestDotGit(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var dotGit = Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(dotGit) || File.Exists(dotGit))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static GitProvenance ReadRepository(string gitPath)
    {
        try
        {
            using var repository = new Repository(gitPath);
            var isDirty = IsDirty(repository);
            var remote = RemoteUrl(repository);
            var head = repository.Head;

            if (repository.Info.IsHeadUnborn)
            {
                return new GitProvenance(GitProvenance.UnknownCommit, head.FriendlyName, false, isDirty, remote, null, GitProvenanceSource.Repository);
            }

            var commit = head.Tip?.Sha
                ?? throw Unreadable(gitPath, $"HEAD points at '{head.Reference.TargetIdentifier}', which is not a commit in the repository");
            var isDetached = repository.Info.IsHeadDetached;
            return new GitProvenance(
                commit,
                isDetached ? null : head.FriendlyName,
                isDetached,
                isDirty,
                remote,
                TagAt(repository, commit),
                GitProvenanceSource.Repository);
        }
        catch (LibGit2SharpException exception)
        {
            throw Unreadable(gitPath, exception);
        }
    }

    private static bool IsDirty(Repository repository)
    {
        // Untracked files are not listed at all: scanning a large data/ or outputs/ directory would be slow and
        // they do not count anyway.
        var options = new StatusOptions
        {
            IncludeUntracked = false,
            IncludeIgnored = false,
            RecurseUntrackedDirs = false,
            IncludeUnaltered = false,
        };
        const FileStatus notChanges = FileStatus.Ignored | FileStatus.NewInWorkdir | FileStatus.Nonexistent;
        return repository.RetrieveStatus(options).Any(entry => (entry.State & ~notChanges) != FileStatus.Unaltered);
    }

    private static string? RemoteUrl(Repository repository)
    {
        var remotes = repository.Network.Remotes.ToList();
        try
        {
            var chosen = remotes.FirstOrDefault(r => r.Name == "origin") ?? (remotes.Count == 1 ? remotes[0] : null);
            return chosen?.Url is { Length: > 0 } url ? RemoteUrls.StripCredentials(url) : null;
        }
        finally
        {
            foreach (var remote in remotes)
            {
                remote.Dispose();
            }
        }
    }

    private static string? TagAt(Repository repository, string commit) =>
        repository.Tags
            .Where(tag => tag.PeeledTarget?.Sha == commit)
            .Select(tag => tag.FriendlyName)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    private static RegistryException Unreadable(string path, LibGit2SharpException exception)
    {
        // libgit2 refuses repositories owned by another user, as git does; CI containers hit this often.
        var fix = exception.Message.Contains("not owned by current user", StringComparison.Ordinal)
            ? $"Mark it safe with: git config --global --add safe.directory '{path.TrimEnd('/', '\\')}', or run outside it."
            : "Fix the repository or run outside it.";
        return new RegistryException($"could not read the git repository at '{path}': {exception.Message.TrimEnd('.')}. {fix}", exception);
    }

    private static RegistryException Unreadable(string path, string problem) =>
        new($"could not read the git repository at '{path}': {problem}. Fix the repository or run outside it.");
}
