namespace ModelRelease.Tests.Registry;

/// <summary>
/// Several jobs sharing one root and one store (a SQLite file, or a PostgreSQL database: one subclass each), each with
/// its own registry object and connections.
/// </summary>
public abstract class ConcurrencyTests(StoreKind kind) : IDisposable
{
    private readonly RegistryScenario _scenario = new(kind);

    public void Dispose()
    {
        _scenario.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Should_Not_Call_A_Current_Store_Stale_When_Another_Job_Commits_While_A_Read_Begins()
    {
        // Given a bound root, the generation its marker shows, and a read whose snapshot began right after
        _scenario.Push("one");
        var seen = ModelRelease.Internal.RootMarker.ReadState(_scenario.Layout)!.Generation;
        using var store = _scenario.OpenStore();
        using var read = store.Read();

        // When another job commits and records a newer generation in the marker
        _scenario.Push("two");

        // Then comparing the snapshot with the marker as it is now would refuse the current store (the race), while the
        // generation seen before the snapshot began accepts it; a store really behind that generation is still refused
        Assert.Throws<RegistryException>(() => ModelRelease.Internal.RootGuard.Check(_scenario.Layout, read, _scenario.Registry));
        Assert.False(ModelRelease.Internal.RootGuard.Check(_scenario.Layout, read, _scenario.Registry, seen));
        var stale = Assert.Throws<RegistryException>(() => ModelRelease.Internal.RootGuard.Check(_scenario.Layout, read, _scenario.Registry, seen + 1));
        Assert.Contains("is older than the serving root", stale.Message);
    }

    [Fact]
    public void Should_Give_Every_Concurrent_Push_Its_Own_Name_And_Number()
    {
        // Given eight different artifacts, and a clock frozen on one second so every push wants the same name
        const int jobs = 8;
        var requests = Enumerable.Range(0, jobs).Select(i => _scenario.Request($"job-{i}")).ToList();
        using var start = new Barrier(jobs);

        // When eight jobs push at once
        var results = requests.AsParallel().WithDegreeOfParallelism(jobs).Select(request =>
        {
            using var registry = _scenario.Open();
            start.SignalAndWait();
            return registry.Push(request);
        }).ToList();

        // Then all succeed with distinct names and numbers, and root and store agree
        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(jobs, results.Select(r => r.Version.Name).Distinct().Count());
        Assert.Equal(jobs, results.Select(r => r.Version.Number).Distinct().Count());
        using var check = _scenario.Open();
        var versions = check.Versions("mnist");
        Assert.Equal(jobs, versions.Count);
        Assert.Equal(versions.Select(v => v.Name).Order(), Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist")).Select(Path.GetFileName).Order());
        Assert.Equal(versions.Select(v => v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
            Directory.GetFileSystemEntries(_scenario.Layout.ServingDirectory("mnist")).Select(Path.GetFileName).Order());
        foreach (var version in versions)
        {
            var request = requests.Single(r => File.ReadAllText(Path.Combine(r.Artifact, "saved_model.pb")) == File.ReadAllText(Path.Combine(_scenario.Layout.VersionDirectory("mnist", version.Name), "saved_model.pb")));
            Assert.NotNull(request);
        }

        Assert.Equal(jobs, check.History(new EventQuery("mnist", Kinds: [EventKind.Push])).Count);
    }

    [Fact]
    public void Should_Push_The_Same_Artifact_Once_When_Two_Jobs_Race()
    {
        using var start = new Barrier(2);

        var results = new[] { "a", "b" }.AsParallel().WithDegreeOfParallelism(2).Select(_ =>
        {
            using var registry = _scenario.Open();
            var request = _scenario.Request("same");
            start.SignalAndWait();
            return registry.Push(request);
        }).ToList();

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Version.Name).Distinct());
        Assert.Single(Directory.GetDirectories(_scenario.Layout.VersionsDirectory("mnist")));
        using var check = _scenario.Open();
        Assert.Single(check.Versions("mnist"));
        Assert.Equal([EventKind.Push, EventKind.PushRepeated], check.History(new EventQuery("mnist")).Select(e => e.Kind));
        Assert.Empty(Directory.GetFileSystemEntries(_scenario.Layout.VersionsDirectory("mnist"), ".*"));
    }

    [Fact]
    public void Should_Keep_Link_And_Store_In_Agreement_When_Jobs_Move_A_Label_At_Once()
    {
        // Given four versions
        var names = Enumerable.Range(0, 4).Select(i => _scenario.Push($"v{i}").Name).ToList();
        const int moves = 40;

        // When four jobs move golden back and forth at once
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, job =>
        {
            using var registry = _scenario.Open();
            for (var i = 0; i < moves / 4; i++)
            {
                registry.SetLabel("mnist", LabelNames.Golden, names[(job + i) % names.Count], new LabelChange($"job {job} move {i}"));
            }
        });

        // Then the link says what the store says, and the log is an unbroken chain of moves
        using var check = _scenario.Open();
        var golden = check.VersionAt("mnist", LabelNames.Golden)!;
        Assert.Equal($"versions/{golden.Name}", _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Golden)));
        var history = check.LabelHistory("mnist", LabelNames.Golden);
        Assert.Null(history[0].FromVersion);
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].ToVersion, history[i].FromVersion);
        }

        Assert.Equal(golden.Name, history[^1].ToVersion);
    }

    [Fact]
    public void Should_Push_The_First_Version_Of_A_Model_While_Another_Job_Records_A_Validation_Of_It()
    {
        // Given a job pushing the first version of a model into a new root, at the moment its copy's parent
        // directories exist and are still empty
        using var validating = _scenario.Open();
        var validated = false;
        void ValidateMeanwhile(string at)
        {
            if (at == "before-copy-directory" && !validated)
            {
                validated = true;

                // When another job records a validation of that model: a change of a model with no version yet
                // removes the model's empty directories
                validating.RecordValidation("mnist", null, Blessing.Blessed, new { accuracy = "pass" });
                Assert.False(Directory.Exists(_scenario.Layout.ModelDirectory("mnist")), "the other job's change should have removed the empty model directory");
            }
        }

        using var pushing = _scenario.Open(fault: ValidateMeanwhile);
        var pushed = pushing.Push(_scenario.Request("one"));

        // Then the push made the directories again and landed whole, beside the other job's record
        Assert.True(validated);
        Assert.True(pushed.Created);
        Assert.Equal(pushed.Version.Digest, ModelRelease.Internal.ArtifactScanner.Scan(_scenario.Layout.VersionDirectory("mnist", pushed.Version.Name)).Manifest.Digest);
        Assert.Empty(_scenario.Disagreements("mnist"));
        using var check = _scenario.Open();
        Assert.Equal([EventKind.Validation, EventKind.Push], check.History(new EventQuery("mnist")).Select(e => e.Kind));
    }
}
