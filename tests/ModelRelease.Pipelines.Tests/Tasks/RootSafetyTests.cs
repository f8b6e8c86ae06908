using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Issue 9's class of defect: a typo in --root, --registry or the environment must never delete (or even touch) a
/// model. Every case runs through the real host against a released root and asserts the exit code, the message and
/// that the root, its store included, is unchanged byte for byte.
/// </summary>
public sealed class RootSafetyTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public RootSafetyTests()
    {
        // A released root: v1 stable, v2 pushed.
        _host.StableV1Then("v2");
    }

    public void Dispose() => _host.Dispose();

    public static TheoryData<string> WrongStores => new()
    {
        "typo.db",
        "serving_model/typo.db",
        "/tmp/modelrelease-does-not-exist-" + Guid.NewGuid().ToString("N") + ".db",
    };

    [Theory]
    [MemberData(nameof(WrongStores))]
    public void Should_Refuse_A_New_Store_For_A_Root_That_Has_One_And_Touch_Nothing(string registry)
    {
        // Given a released root
        var before = _host.Snapshot();

        // When Validate alone, or a Push, runs with a mistyped --registry
        foreach (var target in new[] { "Validate", "Push" })
        {
            var run = _host.Run($"--target={target}", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), $"--registry={registry}");

            // Then it exits 1 naming the store, the root and the fix, and nothing changed: no file deleted, no store made
            run.AssertExit(1);
            Assert.Contains("is new", Flat(run.Error));
            Assert.Contains("Adopt", Flat(run.Error));
            Assert.Equal(before, _host.Snapshot());
            Assert.False(File.Exists(Path.GetFullPath(registry, _host.WorkDirectory)), "the mistyped store must not be created");
        }
    }

    [Fact]
    public void Should_Refuse_A_Zero_Byte_Store()
    {
        var empty = Path.Combine(_host.WorkDirectory, "empty.db");
        File.WriteAllBytes(empty, []);
        var before = _host.Snapshot();

        var run = _host.Run("--target=Promote", "--model=mnist", "--version=v2", $"--registry={empty}");

        run.AssertExit(1);
        Assert.Contains("is empty", Flat(run.Error));
        Assert.Equal(before, _host.Snapshot());
        Assert.Equal(0, new FileInfo(empty).Length);
    }

    [Fact]
    public void Should_Refuse_A_New_Store_Named_By_The_Environment()
    {
        var before = _host.Snapshot();

        var run = _host.RunWith(new Dictionary<string, string> { ["MODELRELEASE_REGISTRY"] = Path.Combine(_host.WorkDirectory, "elsewhere.db") },
            "--target=Canary", "--model=mnist", "--version=v2");

        run.AssertExit(1);
        Assert.Contains("MODELRELEASE_REGISTRY", Flat(run.Error));
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Refuse_Another_Roots_Store_Both_Ways()
    {
        // Given a second released root with its own store
        var other = Path.Combine(_host.WorkDirectory, "other_root");
        _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("o1")}", ReleaseHost.Metrics(0.9, 50), "--version=o1", $"--root={other}").AssertExit(0);
        var before = _host.Snapshot();
        var otherBefore = Snapshot(other);

        // When a task pairs this root with the other's store, or the other root with this one's
        var crossed = _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), $"--registry={other}/registry.db");
        var crossedBack = _host.Run("--target=Prune", "--model=mnist", "--keep=0", $"--root={other}", $"--registry={_host.StorePath}");

        // Then both are refused, naming the root the store belongs to, and neither root changed
        crossed.AssertExit(1);
        crossedBack.AssertExit(1);
        Assert.Contains("belongs to another serving root", Flat(crossed.Error));
        Assert.Contains("belongs to another serving root", Flat(crossedBack.Error));
        Assert.Equal(before, _host.Snapshot());
        Assert.Equal(otherBefore, Snapshot(other));
    }

    [Fact]
    public void Should_Refuse_A_General_Directory_As_Root_And_Keep_Its_Files()
    {
        // Given an application directory that happens to have a versions/ folder
        var app = Path.Combine(_host.WorkDirectory, "myapp");
        Directory.CreateDirectory(Path.Combine(app, "versions", "1.0"));
        File.WriteAllText(Path.Combine(app, "versions", "1.0", "notes.txt"), "release notes");
        var before = Snapshot(app);

        // When it is given as the serving root
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), $"--root={app}");

        // Then it is refused as not a ModelRelease root, and its files are untouched
        run.AssertExit(1);
        Assert.Contains("is not a ModelRelease serving root", Flat(run.Error));
        Assert.Equal(before, Snapshot(app));
    }

    [Theory]
    [InlineData("/", "filesystem root")]
    [InlineData(".", "is the repository")]
    public void Should_Refuse_Roots_That_Can_Never_Be_Serving_Roots(string root, string expected)
    {
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), $"--root={root}");

        run.AssertExit(1);
        Assert.Contains(expected, Flat(run.Error));
    }

    [Fact]
    public void Should_Refuse_The_Home_Directory_As_Root()
    {
        var home = Path.Combine(_host.WorkDirectory, "home");
        Directory.CreateDirectory(home);

        var run = _host.RunWith(new Dictionary<string, string> { ["HOME"] = home }, "--target=Status", $"--root={home}");

        run.AssertExit(1);
        Assert.Contains("is a home directory", Flat(run.Error));
        Assert.Empty(Directory.GetFileSystemEntries(home));
    }

    [Fact]
    public void Should_Refuse_An_Artifact_Inside_The_Root_And_A_Root_Inside_The_Artifact()
    {
        var before = _host.Snapshot();
        var inside = Path.Combine(_host.Root, "mnist", "versions", "v1");

        var fromRoot = _host.Run("--target=Push", "--model=mnist", $"--artifact={inside}", ReleaseHost.Metrics(0.9, 50), "--version=again");
        var artifact = _host.Artifact("v3");
        var intoArtifact = _host.Run("--target=Push", "--model=mnist", $"--artifact={artifact}", ReleaseHost.Metrics(0.9, 50), $"--root={artifact}/serving");

        fromRoot.AssertExit(1);
        intoArtifact.AssertExit(1);
        Assert.Contains("is inside the serving root", Flat(fromRoot.Error));
        Assert.Contains("is inside the artifact", Flat(intoArtifact.Error));
        Assert.Equal(before, _host.Snapshot());
        Assert.False(Directory.Exists(Path.Combine(artifact, "serving")));
    }

    [Fact]
    public void Should_Show_The_Clean_Up_In_A_Dry_Run_And_Quarantine_Unknown_Directories_For_Real()
    {
        // Given a directory in versions/ that the store does not know
        var stranger = Path.Combine(_host.Root, "mnist", "versions", "hand-copied");
        Directory.CreateDirectory(stranger);
        File.WriteAllText(Path.Combine(stranger, "saved_model.pb"), "someone's model");
        var before = _host.Snapshot();

        // When a push is rehearsed, then run
        var rehearsal = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), "--version=v3", "--dryrun");
        Assert.Equal(before, _host.Snapshot());
        var real = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), "--version=v3");

        // Then the rehearsal named the move, and the real run moved it whole into the quarantine
        rehearsal.AssertExit(0);
        Assert.Contains("to the quarantine", Flat(rehearsal.Out));
        Assert.Contains("hand-copied", Flat(rehearsal.Out));
        real.AssertExit(0);
        Assert.False(Directory.Exists(stranger));
        var moved = Assert.Single(Directory.GetDirectories(Path.Combine(_host.Root, ".modelrelease", "quarantine")));
        Assert.Equal("someone's model", File.ReadAllText(Path.Combine(moved, "saved_model.pb")));
    }

    [Fact]
    public void Should_Mark_A_New_Root_With_Its_Identity_Only_When_It_Is_Bound()
    {
        using var fresh = new ReleaseHost();

        var rehearsal = fresh.Run("--target=Push", "--model=mnist", $"--artifact={fresh.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--dryrun");
        Assert.Contains("root.json", Flat(rehearsal.Out));
        Assert.False(Directory.Exists(fresh.Root));

        fresh.Push("v1");
        var marker = File.ReadAllText(Path.Combine(fresh.Root, ".modelrelease", "root.json"));
        var id = Regex.Match(marker, "\"rootId\": \"([0-9a-f]{32})\"").Groups[1].Value;
        using var connection = new SqliteConnection($"Data Source={fresh.StorePath};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = new SqliteCommand("SELECT root_id FROM registry_root", connection);
        Assert.Equal(id, command.ExecuteScalar());
    }

    [Fact]
    public void Should_Require_Adopt_For_A_Store_That_Records_No_Root_Then_Work()
    {
        // Given this root's store as an older ModelRelease left it: versions, but no root recorded
        AdoptTaskTests.Unbind(_host.StorePath);
        var before = _host.Snapshot();

        // When a task runs, then Adopt (rehearsed, then real), then the task again
        var refused = _host.Run("--target=Canary", "--model=mnist", "--version=v2");
        Assert.Equal(before, _host.Snapshot());
        var rehearsal = _host.Run("--target=Adopt", "--dryrun");
        Assert.Equal(before, _host.Snapshot());
        var adopted = _host.Run("--target=Adopt");
        var again = _host.Run("--target=Canary", "--model=mnist", "--version=v2");

        // Then the task was refused naming Adopt, Adopt bound them deleting nothing, and the task then ran
        refused.AssertExit(1);
        Assert.Contains("records no serving root", Flat(refused.Error));
        rehearsal.AssertExit(0);
        Assert.Contains("would record the root", Flat(rehearsal.Out));
        adopted.AssertExit(0);
        Assert.Contains("Adopted", Flat(adopted.Out));
        again.AssertExit(0);
        Assert.True(Directory.Exists(Path.Combine(_host.Root, "mnist", "versions", "v1")));
        Assert.True(Directory.Exists(Path.Combine(_host.Root, "mnist", "versions", "v2")));
    }

    [Fact]
    public void Should_Leave_The_Root_And_Store_Unchanged_When_Read_Only_Tasks_Run()
    {
        // Given a root with a link a user made beside the labels (theirs) and a directory the store does not know
        File.CreateSymbolicLink(Path.Combine(_host.Root, "mnist", "latest"), "versions/v2");
        Directory.CreateDirectory(Path.Combine(_host.Root, "mnist", "versions", "hand-copied"));
        var before = _host.Snapshot();

        // When the read-only tasks run, Validate of a candidate on its own among them
        _host.Run("--target=Status").AssertExit(0);
        _host.Run("--target=History", "--format=json").AssertExit(0);
        _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50)).AssertExit(0);
        _host.Run("--target=Validate", "--model=mnist", $"--artifact={_host.Artifact("v3")}", ReleaseHost.Metrics(0.9, 50), "--dryrun").AssertExit(0);
        _host.Run("--target=Verify").AssertExit(1);

        // Then nothing changed: no verdict recorded, nothing quarantined, no link touched
        Assert.Equal(before, _host.Snapshot());
    }

    [Fact]
    public void Should_Keep_A_Users_Own_Link_Beside_The_Labels_Through_Changes_And_Repairs()
    {
        var latest = Path.Combine(_host.Root, "mnist", "latest");
        File.CreateSymbolicLink(latest, "versions/v2");

        _host.Do("Canary", "--version=v2");
        _host.Run("--target=Verify", "--repair").AssertExit(0);

        Assert.Equal("versions/v2", new FileInfo(latest).LinkTarget);
    }

    [Fact]
    public void Should_Refuse_To_Verify_A_Root_That_Is_Not_One()
    {
        var run = _host.Run("--target=Verify", $"--root={Path.Combine(_host.WorkDirectory, "serving_modle")}");

        run.AssertExit(1);
        Assert.Contains("is not a ModelRelease serving root yet", Flat(run.Error));
    }

    [Fact]
    public void Should_Refuse_A_Root_With_A_Trailing_Space()
    {
        var run = _host.Run("--target=Status", $"--root={_host.Root} ");

        run.AssertExit(2);
        Assert.Contains("ends with a space", Flat(run.Error));
    }

    /// <summary>Console text with line wrapping undone, so a message can be matched across Spectre's wraps.</summary>
    internal static string Flat(string text) => Regex.Replace(text, @"\s+", " ");

    private static string Snapshot(string directory) => ReleaseHost.SnapshotOf(directory);
}
