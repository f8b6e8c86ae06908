using System.Data.Common;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// What every metadata store guarantees, run against each store by a subclass per <see cref="StoreKind"/>: empty reads
/// create nothing, newer schemas are refused, the audit log is append-only, writers serialise with a bounded wait,
/// readers cannot write, and every row kind reads back as written (times to the microsecond).
/// </summary>
public abstract class MetadataStoreContract : IDisposable
{
    protected MetadataStoreContract(StoreKind kind)
    {
        Scenario = new RegistryScenario(kind);
    }

    protected RegistryScenario Scenario { get; }

    public void Dispose()
    {
        Scenario.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A store object for the scenario's registry, as another process would make it.</summary>
    protected abstract IMetadataStore CreateStore(TimeSpan? busyTimeout = null);

    /// <summary>Runs SQL on the store's tables outside ModelRelease, as a user with a SQL shell would.</summary>
    protected abstract void RawExecute(string sql);

    protected abstract long RawCount(string table);

    /// <summary>True when anything of the store exists (the file, or the schema in the database).</summary>
    protected abstract bool StoreExists();

    [Fact]
    public void Should_Read_A_Store_Nobody_Wrote_As_Empty_Without_Creating_Anything()
    {
        using var store = CreateStore();

        using (var reader = store.Read())
        {
            Assert.Empty(reader.Models());
            Assert.Empty(reader.Versions("mnist"));
            Assert.Empty(reader.Events(new EventQuery()));
            Assert.Null(reader.BoundRoot());
        }

        Assert.False(StoreExists());
    }

    [Fact]
    public void Should_Refuse_A_Store_Written_By_A_Newer_ModelRelease()
    {
        Scenario.Push("one");
        RawExecute("INSERT INTO schema_info (version, description, applied_at) VALUES (99, 'from the future', '2030-01-01T00:00:00.0000000Z')");
        using var store = CreateStore();

        var read = Assert.Throws<RegistryException>(() => store.Read().Dispose());
        var write = Assert.Throws<RegistryException>(() => store.Write().Dispose());

        Assert.Contains("schema version 99", read.Message);
        Assert.Contains("knows versions up to", read.Message);
        Assert.Contains("Upgrade ModelRelease", write.Message);
    }

    [Fact]
    public void Should_Keep_The_Audit_Log_Append_Only_In_The_Database()
    {
        Scenario.Push("one");

        var update = Assert.ThrowsAny<DbException>(() => RawExecute("UPDATE events SET reason = 'rewritten'"));
        var delete = Assert.ThrowsAny<DbException>(() => RawExecute("DELETE FROM events"));

        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        Assert.Equal(1, RawCount("events"));
    }

    [Fact]
    public void Should_Roll_Back_A_Writer_That_Is_Not_Committed()
    {
        var v1 = Scenario.Push("one");
        using var store = CreateStore();

        using (var writer = store.Write())
        {
            writer.SetLabel("mnist", LabelNames.Golden, v1.Name, null, RegistryScenario.Start);
            Assert.Single(writer.Labels("mnist"));
        }

        using var reader = store.Read();
        Assert.Empty(reader.Labels("mnist"));
    }

    [Fact]
    public void Should_Refuse_Writes_Through_A_Reader()
    {
        var v1 = Scenario.Push("one");
        using var store = CreateStore();
        using var reader = store.Read();

        Assert.Throws<InvalidOperationException>(() => ((IMetadataWriter)reader).SetLabel("mnist", LabelNames.Golden, v1.Name, null, RegistryScenario.Start));
    }

    [Fact]
    public async Task Should_Make_A_Second_Writer_Wait_For_The_First()
    {
        var v1 = Scenario.Push("one");
        using var store = CreateStore();
        var order = new List<string>();
        using var first = store.Write();

        var second = Task.Run(() =>
        {
            using var other = CreateStore();
            using var writer = other.Write();
            lock (order) { order.Add("second got the lock"); }
            writer.SetLabel("mnist", LabelNames.Golden, v1.Name, null, RegistryScenario.Start.AddMinutes(1));
            writer.Commit();
        });
        await Task.Delay(500);
        lock (order) { order.Add("first commits"); }
        first.SetLabel("mnist", LabelNames.Stable, v1.Name, null, RegistryScenario.Start);
        first.Commit();
        await second.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["first commits", "second got the lock"], order);
        using var reader = store.Read();
        Assert.Equal(["golden", "stable"], reader.Labels("mnist").Select(l => l.Label));
    }

    [Fact]
    public async Task Should_Give_Serving_Numbers_That_Stay_Unique_When_Writers_Race()
    {
        Scenario.Push("one");
        var manifest = CreateStore().Read().Manifest("mnist", Scenario.OpenStore().Read().Versions("mnist")[0].Name)!;

        // Eight writers at once each take the next number after the highest: serialised, every number is distinct.
        var writers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            using var store = CreateStore();
            using var writer = store.Write();
            var number = (writer.MaxNumber("mnist") ?? 0) + 1;
            writer.InsertVersion(new VersionDraft("mnist", $"race-{i}", number, manifest, RegistryScenario.CleanGit, new DatasetVersion("ds", DatasetVersionSource.Given),
                new Dictionary<string, string>(), new Dictionary<string, double>(), RegistryScenario.Start, "tester", "box", null, Blessing.Unvalidated, null));
            writer.Commit();
        })).ToArray();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(60));

        using var reader = CreateStore().Read();
        var numbers = reader.Versions("mnist").Select(v => v.Number).ToList();
        Assert.Equal(9, numbers.Count);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
    }

    [Fact]
    public async Task Should_Give_Up_With_A_Clear_Message_When_Another_Writer_Holds_The_Lock_Too_Long()
    {
        Scenario.Push("one");
        using var holder = CreateStore().Write();
        var impatient = CreateStore(TimeSpan.FromSeconds(1));

        var error = await Task.Run(() => Record.Exception(() => impatient.Write().Dispose())).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<RegistryException>(error);
        Assert.Contains("stayed locked by another writer for 1 s", error.Message);
        Assert.Contains(impatient.Location, error.Message);
    }

    [Fact]
    public void Should_Read_Every_Row_Kind_Back_As_Written()
    {
        // Given a version, labels, events with evidence, a task run with links, an analysis run and an image
        var v1 = Scenario.Push("one");
        var v2 = Scenario.Push("two");
        var precise = RegistryScenario.Start.AddTicks(1_234_567);
        using (var store = CreateStore())
        using (var writer = store.Write())
        {
            writer.SetLabel("mnist", LabelNames.Canary, v2.Name, 25, precise);
            writer.AppendEvent(new EventDraft("mnist", EventKind.LabelMove, LabelNames.Canary, null, v2.Name, "tester", "box", "try it", """{"zeta":1,"alpha":[2,3]}""", precise, null));
            var execution = writer.StartExecution(new ExecutionDraft("Canary", "mnist", """{"weight":"25","model":"mnist"}""", precise, "tester", "box", "https://ci/run/1"));
            writer.LinkExecution(execution, "mnist", v2.Name, ExecutionRole.Output);
            writer.FinishExecution(execution, ExecutionOutcome.Succeeded, null, precise.AddSeconds(1));
            var analysisRun = writer.StartAnalysisRun(new AnalysisRunDraft("mnist", v2.Name, v1.Name, 25, """[{"name":"latency"}]""", precise, execution));
            Assert.True(writer.AddMeasurement(new AnalysisMeasurement(analysisRun, "latency", 1, precise, MeasurementVerdict.Successful, 0.5, double.NaN, "q1", null, "ok")));
            Assert.False(writer.AddMeasurement(new AnalysisMeasurement(analysisRun, "latency", 1, precise, MeasurementVerdict.Failed, 9, 9, "q1", null, null)));
            writer.AddImage(new VersionImage("mnist", v2.Name, "registry.example.com/mnist", ["v2", "latest"], "sha256:abc", precise, execution));
            writer.Commit();
        }

        // Then it all reads back the same, times truncated to microseconds and JSON text as written
        var micro = RegistryScenario.Start.AddTicks(1_234_560);
        using var reader = CreateStore().Read();
        var canary = Assert.Single(reader.Labels("mnist"), l => l.Label == LabelNames.Canary);
        Assert.Equal((v2.Name, 25, micro), (canary.Version, canary.Weight!.Value, canary.UpdatedAt));
        var evidence = reader.Events(new EventQuery("mnist", Kinds: [EventKind.LabelMove], Since: micro, Label: LabelNames.Canary));
        Assert.Equal("""{"zeta":1,"alpha":[2,3]}""", Assert.Single(evidence).Evidence);
        Assert.Equal(micro, evidence[0].At);
        Assert.Equal(2, reader.Events(new EventQuery("mnist", Newest: 2)).Count);
        Assert.Contains(LabelNames.Canary, reader.LabelsEverSet("mnist"));
        var run = Assert.Single(reader.Executions("mnist"), x => x.Task == "Canary");
        Assert.Equal(("""{"weight":"25","model":"mnist"}""", micro, micro.AddSeconds(1), ExecutionOutcome.Succeeded), (run.Arguments, run.StartedAt, run.FinishedAt!.Value, run.Outcome));
        Assert.Equal(v2.Name, Assert.Single(run.Links).Version);
        var analysis = Assert.Single(reader.AnalysisRuns("mnist"));
        Assert.Equal((v2.Name, v1.Name, 25, micro), (analysis.CanaryVersion, analysis.StableVersion, analysis.Weight, analysis.StartedAt));
        var measurement = Assert.Single(reader.AnalysisMeasurements(analysis.Id));
        Assert.Equal((MeasurementVerdict.Successful, 0.5, (double?)null), (measurement.Verdict, measurement.CanaryValue!.Value, measurement.StableValue));
        var image = Assert.Single(reader.Images("mnist", v2.Name));
        Assert.Equal(["v2", "latest"], image.Tags);
        Assert.Equal(micro, image.PushedAt);
        Assert.Equal(v1.Digest, reader.Manifest("mnist", v1.Name)!.Digest);
        Assert.Equal(v1.Metrics, reader.FindVersion("mnist", v1.Name)!.Metrics);
        Assert.Equal(new VersionCounts(2, 0), reader.CountVersions("mnist"));
    }

    [Fact]
    public void Should_Name_Every_Version_Pruned_Ones_Included_As_Its_Versions_Do()
    {
        // Given three versions of mnist, the oldest pruned, and one of another model
        var v1 = Scenario.Push("one");
        var v2 = Scenario.Push("two");
        var v3 = Scenario.Push("three");
        Scenario.Push("other", model: "fashion");
        using (var store = CreateStore())
        using (var writer = store.Write())
        {
            writer.MarkPruned("mnist", v1.Name, RegistryScenario.Start.AddDays(1));
            writer.Commit();
        }

        // Then the names are exactly those of the model's versions, the pruned one too; an unknown model has none
        using var reader = CreateStore().Read();
        Assert.Equal(new[] { v1.Name, v2.Name, v3.Name }.Order(), reader.VersionNames("mnist").Order());
        Assert.Equal(reader.Versions("mnist").Select(v => v.Name).Order(), reader.VersionNames("mnist").Order());
        Assert.Empty(reader.VersionNames("nobody"));
    }

    [Fact]
    public void Should_Filter_Events_By_A_List_Of_Kinds_And_Match_Nothing_With_An_Empty_One()
    {
        // Given a push and two label moves (SQLite spells the list out as parameters; PostgreSQL passes one array)
        var v1 = Scenario.Push("one");
        using (var registry = Scenario.Open())
        {
            registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange(Kind: EventKind.Promote));
            registry.SetLabel("mnist", LabelNames.Golden, v1.Name);
        }

        using var reader = CreateStore().Read();
        var all = reader.Events(new EventQuery("mnist"));

        Assert.Equal(
            all.Where(e => e.Kind is EventKind.Push or EventKind.Promote).Select(e => e.Id),
            reader.Events(new EventQuery("mnist", Kinds: [EventKind.Push, EventKind.Promote])).Select(e => e.Id));
        Assert.Equal([EventKind.Promote], reader.Events(new EventQuery("mnist", Kinds: [EventKind.Promote])).Select(e => e.Kind));
        Assert.Empty(reader.Events(new EventQuery("mnist", Kinds: [])));
        Assert.Equal(3, all.Count);
    }

    [Fact]
    public void Should_Push_Move_Labels_And_Roll_Back_Through_The_Registry()
    {
        var v1 = Scenario.Push("one");
        var v2 = Scenario.Push("two");
        using (var registry = Scenario.Open())
        {
            registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange("first release", Kind: EventKind.Promote));
            registry.SetLabel("mnist", LabelNames.Stable, v2.Name, new LabelChange(Kind: EventKind.Promote));
            registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange("bad latency", Kind: EventKind.Rollback));
        }

        using var reader = Scenario.OpenStore().Read();
        Assert.Equal(v1.Name, Assert.Single(reader.Labels("mnist")).Version);
        var moves = reader.Events(new EventQuery("mnist", Label: LabelNames.Stable));
        Assert.Equal([EventKind.Promote, EventKind.Promote, EventKind.Rollback], moves.Select(e => e.Kind));
        Assert.Equal("bad latency", moves[^1].Reason);
        Assert.NotNull(reader.BoundRoot());
        Assert.Empty(Scenario.Disagreements("mnist"));
    }
}
