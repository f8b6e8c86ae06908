using LibGit2Sharp;
using ModelRelease.Internal;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests;

public sealed class GitProvenanceReaderTests
{
    private const string CiSha = "0123456789abcdef0123456789abcdef01234567";

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Fact]
    public void Should_Record_Head_Branch_And_A_Clean_Tree()
    {
        using var git = new GitRepositoryFixture();
        var commit = git.CommitFile("train.py", "print('train')");

        var provenance = GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment);

        Assert.Equal(git.Repository.Head.Tip.Sha, commit);
        Assert.Equal(new GitProvenance(commit, "main", false, false, null, null, GitProvenanceSource.Repository), provenance);
        Assert.True(provenance.IsClean);
    }

    [Fact]
    public void Should_Report_Dirty_When_A_Tracked_File_Is_Modified()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "print('train')");

        git.Write("train.py", "print('changed')");

        Assert.True(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).IsDirty);
    }

    [Fact]
    public void Should_Report_Dirty_When_A_New_File_Is_Only_Staged()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "print('train')");

        git.Write("eval.py", "print('eval')");
        git.Stage("eval.py");

        Assert.True(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).IsDirty);
    }

    [Fact]
    public void Should_Report_Dirty_When_A_Staged_Change_Matches_Nothing_In_The_Working_Tree_Yet()
    {
        // Staged, then the working tree put back: the index still differs from HEAD, so the commit would differ.
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");
        git.Write("train.py", "two");
        git.Stage("train.py");

        git.Write("train.py", "one");

        Assert.True(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).IsDirty);
    }

    [Fact]
    public void Should_Report_Dirty_When_A_Tracked_File_Is_Deleted()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "print('train')");

        File.Delete(Path.Combine(git.WorkingDirectory, "train.py"));

        Assert.True(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).IsDirty);
    }

    [Fact]
    public void Should_Stay_Clean_With_Only_Untracked_Files()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "print('train')");

        git.Write("notes.txt", "scratch");
        git.Write("outputs/run1/model.bin", "weights");

        Assert.False(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).IsDirty);
    }

    [Fact]
    public void Should_Stay_Clean_With_Only_Ignored_Files()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile(".gitignore", "*.log\n");

        git.Write("train.log", "epoch 1");

        Assert.False(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).IsDirty);
    }

    [Fact]
    public void Should_Record_Detached_Head_Without_Branch()
    {
        using var git = new GitRepositoryFixture();
        var first = git.CommitFile("train.py", "one");
        git.CommitFile("train.py", "two");

        git.CheckoutDetached(first);
        var provenance = GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment);

        Assert.Equal(new GitProvenance(first, null, true, false, null, null, GitProvenanceSource.Repository), provenance);
    }

    [Fact]
    public void Should_Record_A_Lightweight_Tag_At_Head()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");

        git.LightweightTag("v1.0.0");

        Assert.Equal("v1.0.0", GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).Tag);
    }

    [Fact]
    public void Should_Record_An_Annotated_Tag_At_Head()
    {
        using var git = new GitRepositoryFixture();
        var commit = git.CommitFile("train.py", "one");

        git.AnnotatedTag("release-2026.01");

        // The tag object has its own SHA; only peeling it reaches the commit.
        Assert.True(git.Repository.Tags["release-2026.01"].IsAnnotated);
        Assert.NotEqual(commit, git.Repository.Tags["release-2026.01"].Annotation.Sha);
        Assert.Equal("release-2026.01", GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).Tag);
    }

    [Fact]
    public void Should_Pick_The_Ordinal_First_Tag_When_Several_Point_At_Head()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");

        git.LightweightTag("v1.9");
        git.AnnotatedTag("v1.10");
        git.LightweightTag("v2");

        Assert.Equal("v1.10", GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).Tag);
    }

    [Fact]
    public void Should_Not_Report_A_Tag_On_An_Older_Commit()
    {
        using var git = new GitRepositoryFixture();
        var first = git.CommitFile("train.py", "one");
        git.AnnotatedTag("v1", first);
        git.LightweightTag("v1-light", first);

        git.CommitFile("train.py", "two");

        Assert.Null(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).Tag);
    }

    [Fact]
    public void Should_Find_The_Repository_From_A_Nested_Subdirectory()
    {
        using var git = new GitRepositoryFixture();
        var commit = git.CommitFile("models/mnist/train.py", "one");

        var provenance = GitProvenanceReader.Read(Path.Combine(git.WorkingDirectory, "models", "mnist"), NoEnvironment);

        Assert.Equal(GitProvenanceSource.Repository, provenance.Source);
        Assert.Equal(commit, provenance.Commit);
    }

    [Fact]
    public void Should_Strip_Credentials_From_The_Origin_Url()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");

        git.AddRemote("origin", "https://ci-bot:ghp_s3cret@github.com/acme/models.git");
        var provenance = GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment);

        Assert.Equal("https://github.com/acme/models.git", provenance.RemoteUrl);
    }

    [Fact]
    public void Should_Prefer_Origin_Over_Other_Remotes()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");

        git.AddRemote("aaa", "https://example.com/fork.git");
        git.AddRemote("origin", "git@github.com:acme/models.git");
        git.AddRemote("upstream", "https://example.com/upstream.git");

        Assert.Equal("git@github.com:acme/models.git", GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).RemoteUrl);
    }

    [Fact]
    public void Should_Use_The_Only_Remote_When_None_Is_Origin()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");

        git.AddRemote("upstream", "https://example.com/upstream.git");

        Assert.Equal("https://example.com/upstream.git", GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).RemoteUrl);
    }

    [Fact]
    public void Should_Record_No_Remote_When_Several_Exist_And_None_Is_Origin()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");

        git.AddRemote("fork", "https://example.com/fork.git");
        git.AddRemote("upstream", "https://example.com/upstream.git");

        Assert.Null(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).RemoteUrl);
    }

    [Theory]
    [InlineData("https://user:token@github.com/o/r.git", "https://github.com/o/r.git")]
    [InlineData("https://ghp_tokenonly@github.com/o/r.git", "https://github.com/o/r.git")]
    [InlineData("HTTP://x-access-token:p@ss@host:8080/o/r.git", "HTTP://host:8080/o/r.git")]
    [InlineData("ssh://git:secret@github.com/o/r.git", "ssh://git@github.com/o/r.git")]
    [InlineData("ssh://git@github.com/o/r.git", "ssh://git@github.com/o/r.git")]
    [InlineData("git@github.com:o/r.git", "git@github.com:o/r.git")]
    [InlineData("https://github.com/o/r.git", "https://github.com/o/r.git")]
    [InlineData("https://github.com/o/r@v1.git", "https://github.com/o/r@v1.git")]
    [InlineData("file:///srv/git/r.git", "file:///srv/git/r.git")]
    [InlineData("/srv/git/r.git", "/srv/git/r.git")]
    public void Should_Strip_Only_Credentials_From_A_Remote_Url(string url, string expected)
    {
        Assert.Equal(expected, RemoteUrls.StripCredentials(url));
    }

    [Fact]
    public void Should_Return_Unknown_Without_Repository_Or_GitHub_Variables()
    {
        using var temp = new TempDirectory();

        var provenance = GitProvenanceReader.Read(temp.Path, NoEnvironment);

        Assert.Same(GitProvenance.Unknown, provenance);
        Assert.False(provenance.IsClean);
    }

    [Fact]
    public void Should_Use_GitHub_Variables_For_A_Branch_Build_Without_Repository()
    {
        using var temp = new TempDirectory();
        var environment = Environment(
            ("GITHUB_SHA", CiSha),
            ("GITHUB_REF_NAME", "main"),
            ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_SERVER_URL", "https://github.com"),
            ("GITHUB_REPOSITORY", "acme/models"));

        var provenance = GitProvenanceReader.Read(temp.Path, environment);

        Assert.Equal(
            new GitProvenance(CiSha, "main", false, null, "https://github.com/acme/models.git", null, GitProvenanceSource.GitHubEnvironment),
            provenance);
        Assert.False(provenance.IsClean);
    }

    [Fact]
    public void Should_Use_GitHub_Variables_For_A_Tag_Build_Without_Repository()
    {
        using var temp = new TempDirectory();
        var environment = Environment(("GITHUB_SHA", CiSha), ("GITHUB_REF_NAME", "v1.2.3"), ("GITHUB_REF_TYPE", "tag"));

        var provenance = GitProvenanceReader.Read(temp.Path, environment);

        Assert.Equal(new GitProvenance(CiSha, null, true, null, null, "v1.2.3", GitProvenanceSource.GitHubEnvironment), provenance);
    }

    [Fact]
    public void Should_Use_The_Head_Ref_For_A_Pull_Request_Build_Without_Repository()
    {
        using var temp = new TempDirectory();
        var environment = Environment(
            ("GITHUB_SHA", CiSha),
            ("GITHUB_REF_NAME", "42/merge"),
            ("GITHUB_REF_TYPE", "branch"),
            ("GITHUB_HEAD_REF", "feature/better-loss"));

        var provenance = GitProvenanceReader.Read(temp.Path, environment);

        Assert.Equal("feature/better-loss", provenance.Branch);
        Assert.Null(provenance.Tag);
    }

    [Fact]
    public void Should_Refuse_A_GITHUB_SHA_That_Is_Not_A_Commit()
    {
        using var temp = new TempDirectory();

        var exception = Assert.Throws<RegistryException>(() => GitProvenanceReader.Read(temp.Path, Environment(("GITHUB_SHA", "main"))));

        Assert.Contains("GITHUB_SHA 'main' is not a commit SHA", exception.Message);
    }

    [Fact]
    public void Should_Prefer_The_Repository_Over_GitHub_Variables()
    {
        using var git = new GitRepositoryFixture();
        var commit = git.CommitFile("train.py", "one");
        var environment = Environment(("GITHUB_SHA", CiSha), ("GITHUB_REF_NAME", "other"), ("GITHUB_REF_TYPE", "branch"));

        var provenance = GitProvenanceReader.Read(git.WorkingDirectory, environment);

        Assert.Equal(new GitProvenance(commit, "main", false, false, null, null, GitProvenanceSource.Repository), provenance);
    }

    [Fact]
    public void Should_Record_Unborn_Head_With_Unknown_Commit_And_The_Branch_To_Be()
    {
        using var git = new GitRepositoryFixture();

        var provenance = GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment);

        Assert.Equal(new GitProvenance("unknown", "main", false, false, null, null, GitProvenanceSource.Repository), provenance);
        Assert.False(provenance.IsClean);
    }

    [Fact]
    public void Should_Report_Dirty_When_Files_Are_Staged_Before_The_First_Commit()
    {
        using var git = new GitRepositoryFixture();

        git.Write("train.py", "one");
        git.Stage("train.py");

        Assert.True(GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment).IsDirty);
    }

    [Fact]
    public void Should_Refuse_A_Git_Directory_With_Garbage_Instead_Of_Skipping_It()
    {
        // libgit2 alone would walk past this .git and report no repository at all.
        using var temp = new TempDirectory();
        var project = temp.CreateDirectory("project");
        temp.WriteFile("project/.git/HEAD", "garbage");
        var nested = temp.CreateDirectory("project/src");

        var exception = Assert.Throws<RegistryException>(() => GitProvenanceReader.Read(nested, Environment(("GITHUB_SHA", CiSha))));

        Assert.Contains($"could not read the git repository at '{Path.Combine(project, ".git")}'", exception.Message);
        Assert.Contains("Fix the repository or run outside it", exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_Repository_Whose_Head_Is_Damaged()
    {
        using var git = new GitRepositoryFixture();
        git.CommitFile("train.py", "one");

        File.WriteAllText(Path.Combine(git.WorkingDirectory, ".git", "HEAD"), "garbage");
        var exception = Assert.Throws<RegistryException>(() => GitProvenanceReader.Read(git.WorkingDirectory, NoEnvironment));

        Assert.Contains($"could not read the git repository at '{git.WorkingDirectory}", exception.Message);
        Assert.Contains("HEAD", exception.Message);
        Assert.IsAssignableFrom<LibGit2SharpException>(exception.InnerException);
    }

    [Fact]
    public void Should_Refuse_A_Git_File_Pointing_Nowhere()
    {
        using var temp = new TempDirectory();
        var project = temp.CreateDirectory("project");
        temp.WriteFile("project/.git", "gitdir: " + temp.Combine("gone"));

        var exception = Assert.Throws<RegistryException>(() => GitProvenanceReader.Read(project, NoEnvironment));

        Assert.Contains(Path.Combine(project, ".git"), exception.Message);
    }

    [Fact]
    public void Should_Refuse_A_Start_Directory_That_Does_Not_Exist()
    {
        using var temp = new TempDirectory();
        var missing = temp.Combine("missing");

        var exception = Assert.Throws<RegistryException>(() => GitProvenanceReader.Read(missing, NoEnvironment));

        Assert.Contains($"directory '{missing}' does not exist", exception.Message);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }
}
