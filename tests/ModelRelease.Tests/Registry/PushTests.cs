using System.Security.Cryptography;
using System.Text;

namespace ModelRelease.Tests.Registry;

public sealed class PushTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Copy_The_Artifact_Under_A_Timestamp_Name_With_A_Numeric_Link()
    {
        // Given a fresh root
        using var registry = _scenario.Open();

        // When a SavedModel is pushed at 10:00:00
        var result = registry.Push(_scenario.Request("one"));

        // Then it is copied under v-20261128-100000, numbered 20261128100000, and served by number
        var version = result.Version;
        Assert.True(result.Created);
        Assert.Equal("v-20261128-100000", version.Name);
        Assert.Equal(20261128100000, version.Number);
        var copy = _scenario.Layout.VersionDirectory("mnist", version.Name);
        Assert.Equal("graph one", File.ReadAllText(Path.Combine(copy, "saved_model.pb")));
        Assert.Equal("weights one", File.ReadAllText(Path.Combine(copy, "variables", "variables.data-00000-of-00001")));
        Assert.Equal("../versions/v-20261128-100000", _scenario.LinkTarget(_scenario.Layout.ServingPath("mnist", 20261128100000)));
        Assert.Equal("graph one", File.ReadAllText(Path.Combine(_scenario.Layout.ServingPath("mnist", 20261128100000), "saved_model.pb")));
        Assert.Empty(Directory.GetFileSystemEntries(_scenario.Layout.VersionsDirectory("mnist"), ".*"));
    }

    [Fact]
    public void Should_Record_A_Manifest_Of_Every_File_With_Size_And_Hash()
    {
        using var registry = _scenario.Open();

        var version = registry.Push(_scenario.Request("one")).Version;

        var manifest = registry.Manifest("mnist", version.Name);
        Assert.Equal(["saved_model.pb", "variables/variables.data-00000-of-00001", "variables/variables.index"], manifest.Entries.Select(e => e.Path));
        var pb = manifest.Entries[0];
        Assert.Equal(Encoding.UTF8.GetByteCount("graph one"), pb.Size);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("graph one"))), pb.Sha256);
        Assert.Equal(manifest.Digest, version.Digest);
        Assert.Equal(3, version.FileCount);
        Assert.Equal(manifest.Entries.Sum(e => e.Size), version.TotalBytes);
    }

    [Fact]
    public void Should_Record_Provenance_Metrics_Hyperparameters_And_The_Ci_Run()
    {
        // Given a run inside GitHub Actions
        _scenario.Variables["GITHUB_ACTOR"] = "octocat";
        _scenario.Variables["GITHUB_SERVER_URL"] = "https://github.com";
        _scenario.Variables["GITHUB_REPOSITORY"] = "acme/models";
        _scenario.Variables["GITHUB_RUN_ID"] = "4242";
        using var registry = _scenario.Open();
        var request = _scenario.Request("one") with
        {
            Hyperparameters = new Dictionary<string, string> { ["lr"] = "0.001", ["epochs"] = "12" },
            Metrics = new Dictionary<string, double> { ["accuracy"] = 0.931, ["latency_p99_ms"] = 41.5 },
            DatasetVersion = "imagenet-2026-10",
        };

        // When it pushes
        var pushed = registry.Push(request).Version;

        // Then a fresh read gives back everything that was recorded
        var version = _scenario.Open().Version("mnist", pushed.Name);
        Assert.Equal(RegistryScenario.CleanGit, version.Git);
        Assert.Equal(new DatasetVersion("imagenet-2026-10", DatasetVersionSource.Given), version.Dataset);
        Assert.Equal("0.001", version.Hyperparameters["lr"]);
        Assert.Equal("12", version.Hyperparameters["epochs"]);
        Assert.Equal(0.931, version.Metrics["accuracy"]);
        Assert.Equal(41.5, version.Metrics["latency_p99_ms"]);
        Assert.Equal(RegistryScenario.Start, version.CreatedAt);
        Assert.Equal("octocat", version.Actor);
        Assert.Equal("build-box", version.Host);
        Assert.Equal("https://github.com/acme/models/actions/runs/4242", version.CiRunUrl);
        Assert.Equal(Blessing.Unvalidated, version.Blessing);
    }

    [Fact]
    public void Should_Return_The_Existing_Version_When_The_Same_Artifact_Is_Pushed_Again()
    {
        // Given a pushed artifact
        var first = _scenario.Push("one");

        // When the same bytes are pushed again, from another directory, a minute later
        using var registry = _scenario.Open();
        var again = registry.Push(_scenario.Request("one") with { Reason = "retry of a flaky job" });

        // Then the first version comes back, nothing is copied, and the attempt is in the audit log
        Assert.False(again.Created);
        Assert.Equal(first.Name, again.Version.Name);
        Assert.Single(Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist")));
        var events = registry.History(new EventQuery("mnist"));
        Assert.Equal([EventKind.Push, EventKind.PushRepeated], events.Select(e => e.Kind));
        Assert.Equal(first.Name, events[1].ToVersion);
        Assert.Equal("retry of a flaky job", events[1].Reason);
    }

    [Fact]
    public void Should_Return_The_Named_Version_When_Pushed_Again_Under_Its_Name()
    {
        var first = _scenario.Push("one", name: "mnist-v1.0.0");

        using var registry = _scenario.Open();
        var again = registry.Push(_scenario.Request("one") with { VersionName = "mnist-v1.0.0" });

        Assert.False(again.Created);
        Assert.Equal(first.Id, again.Version.Id);
    }

    [Fact]
    public void Should_Refuse_A_Taken_Name_With_Different_Content_And_Change_Nothing()
    {
        // Given mnist-v1.0.0 holds artifact "one"
        _scenario.Push("one", name: "mnist-v1.0.0");
        var before = _scenario.Snapshot();
        using var registry = _scenario.Open();

        // When different bytes are pushed under that name
        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("two") with { VersionName = "mnist-v1.0.0" }));

        // Then the push is refused with the fix, and nothing changed
        Assert.Contains("already exists with different content", error.Message);
        Assert.Contains("pick a new --version name", error.Message);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Give_Two_Pushes_In_The_Same_Second_Distinct_Names_And_Increasing_Numbers()
    {
        using var registry = _scenario.Open();

        var first = registry.Push(_scenario.Request("one")).Version;
        var second = registry.Push(_scenario.Request("two")).Version;

        Assert.Equal("v-20261128-100000", first.Name);
        Assert.Equal("v-20261128-100001", second.Name);
        Assert.Equal(20261128100001, second.Number);
    }

    [Fact]
    public void Should_Keep_Numbers_Increasing_When_The_Clock_Goes_Back()
    {
        var first = _scenario.Push("one");
        _scenario.Clock.Set(RegistryScenario.Start.AddHours(-3));

        var second = _scenario.Push("two");

        Assert.True(second.Number > first.Number, $"{second.Number} should follow {first.Number}");
        Assert.Equal(20261128100001, second.Number);
        Assert.Equal("v-20261128-100001", second.Name);
    }

    [Fact]
    public void Should_Take_A_Business_Name_And_Still_Number_By_Time()
    {
        var version = _scenario.Push("one", name: "segmentation-v1.2.3");

        Assert.Equal("segmentation-v1.2.3", version.Name);
        Assert.Equal(20261128100000, version.Number);
        Assert.True(Directory.Exists(_scenario.Layout.VersionDirectory("mnist", "segmentation-v1.2.3")));
    }

    [Fact]
    public void Should_Make_The_Copy_Read_Only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var version = _scenario.Push("one");

        var mode = File.GetUnixFileMode(Path.Combine(_scenario.Layout.VersionDirectory("mnist", version.Name), "saved_model.pb"));
        Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
    }

    [Fact]
    public void Should_Push_A_Pruned_Digest_Again_As_A_New_Version()
    {
        // Given a version whose files were pruned
        var first = _scenario.Push("one");
        using (var store = new SqliteMetadataStore(_scenario.RegistryPath))
        using (var writer = store.Write())
        {
            writer.MarkPruned("mnist", first.Name, RegistryScenario.Start);
            writer.Commit();
        }

        // When the same bytes come back
        using var registry = _scenario.Open();
        var result = registry.Push(_scenario.Request("one"));

        // Then they get a new version: the pruned one has no files to serve
        Assert.True(result.Created);
        Assert.NotEqual(first.Name, result.Version.Name);
    }

    [Fact]
    public void Should_Warn_And_Record_Unknown_When_There_Is_No_Git_Repository()
    {
        using var registry = _scenario.Open();

        var version = registry.Push(_scenario.Request("one") with { Git = null }).Version;

        Assert.Equal(GitProvenance.Unknown, version.Git);
        Assert.Contains(_scenario.Warnings, w => w.Contains("recorded as 'unknown'", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Refuse_An_Unknown_Tree_When_Clean_Git_Is_Required()
    {
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("one") with { Git = null, RequireCleanGit = true }));

        Assert.Contains("drop --require-clean-git", error.Message);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Fact]
    public void Should_Refuse_A_Dirty_Tree_When_Clean_Git_Is_Required()
    {
        using var registry = _scenario.Open();
        var dirty = RegistryScenario.CleanGit with { IsDirty = true };

        var error = Assert.Throws<RegistryException>(() => registry.Push(_scenario.Request("one") with { Git = dirty, RequireCleanGit = true }));

        Assert.Contains("uncommitted changes", error.Message);
        Assert.False(Directory.Exists(_scenario.Root));
    }

    [Fact]
    public void Should_Read_Provenance_From_The_Repository_Around_The_Working_Directory()
    {
        // Given the working directory is a real repository with one commit
        using var repository = new LibGit2Sharp.Repository(LibGit2Sharp.Repository.Init(_scenario.WorkDirectory));
        File.WriteAllText(Path.Combine(_scenario.WorkDirectory, "train.py"), "print('train')");
        LibGit2Sharp.Commands.Stage(repository, "train.py");
        var signature = new LibGit2Sharp.Signature("t", "t@example.com", RegistryScenario.Start);
        var commit = repository.Commit("train", signature, signature, new LibGit2Sharp.CommitOptions());
        using var registry = _scenario.Open();

        // When a push does not give provenance
        var version = registry.Push(_scenario.Request("one") with { Git = null, RequireCleanGit = true }).Version;

        // Then the repository's HEAD is recorded
        Assert.Equal(commit.Sha, version.Git.Commit);
        Assert.Equal(GitProvenanceSource.Repository, version.Git.Source);
        Assert.False(version.Git.IsDirty);
    }
}
