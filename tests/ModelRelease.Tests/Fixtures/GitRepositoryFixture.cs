using LibGit2Sharp;

namespace ModelRelease.Tests.Fixtures;

/// <summary>A real git repository in a temp directory, on branch <c>main</c> whatever the machine's git config says.</summary>
public sealed class GitRepositoryFixture : IDisposable
{
    /// <summary>Fixed so that two runs make the same commits.</summary>
    public static readonly Signature Author = new("ModelRelease Test", "test@modelrelease.local", new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly TempDirectory _temp = new();

    public GitRepositoryFixture()
    {
        WorkingDirectory = _temp.CreateDirectory("repo");
        Repository.Init(WorkingDirectory);
        Repository = new Repository(WorkingDirectory);
        Repository.Refs.UpdateTarget("HEAD", "refs/heads/main");
    }

    /// <summary>The temp directory holding the repository, for things that must live outside it.</summary>
    public TempDirectory Temp => _temp;

    public string WorkingDirectory { get; }

    public Repository Repository { get; }

    public string Write(string relative, string content) => _temp.WriteFile(Path.Combine("repo", relative), content);

    public void Stage(params string[] relative) => Commands.Stage(Repository, relative);

    public string Commit(string message) => Repository.Commit(message, Author, Author).Sha;

    public string CommitFile(string relative, string content, string message = "change")
    {
        Write(relative, content);
        Stage(relative);
        return Commit(message);
    }

    public void LightweightTag(string name, string? commit = null) =>
        Repository.Tags.Add(name, commit ?? Repository.Head.Tip.Sha);

    public void AnnotatedTag(string name, string? commit = null) =>
        Repository.Tags.Add(name, commit ?? Repository.Head.Tip.Sha, Author, "release " + name);

    public void CheckoutDetached(string commit) => Commands.Checkout(Repository, Repository.Lookup<Commit>(commit));

    public void AddRemote(string name, string url)
    {
        using var remote = Repository.Network.Remotes.Add(name, url);
    }

    public void Dispose()
    {
        Repository.Dispose();
        _temp.Dispose();
    }
}
