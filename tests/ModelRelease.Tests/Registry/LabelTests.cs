namespace ModelRelease.Tests.Registry;

public sealed class LabelTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Point_The_Label_Link_At_The_Version_Directory()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();

        var result = registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange("first release"));

        Assert.Equal(new LabelChangeResult("mnist", "stable", null, v1.Name, true), result);
        var link = _scenario.Layout.LabelPath("mnist", "stable");
        Assert.Equal($"versions/{v1.Name}", _scenario.LinkTarget(link));
        Assert.Equal("graph one", File.ReadAllText(Path.Combine(link, "saved_model.pb")));
        Assert.Equal(v1.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Write_Serving_Config_With_Stable_And_Canary_Loaded_And_Labelled()
    {
        // Given stable on v1, canary on v2 at 10 %, golden on v1
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);
        registry.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(Weight: 10));
        registry.SetLabel("mnist", LabelNames.Golden, v1.Name);

        // Then models.config loads exactly those two, labels them, and routing splits 90/10
        var config = File.ReadAllText(_scenario.Layout.ModelsConfigPath);
        Assert.Equal(
            $$"""
            model_config_list {
              config {
                name: "mnist"
                base_path: "{{_scenario.Root}}/mnist/serving"
                model_platform: "tensorflow"
                model_version_policy {
                  specific {
                    versions: {{v1.Number}}
                    versions: {{v2.Number}}
                  }
                }
                version_labels {
                  key: "stable"
                  value: {{v1.Number}}
                }
                version_labels {
                  key: "canary"
                  value: {{v2.Number}}
                }
              }
            }

            """.ReplaceLineEndings("\n"),
            config);
        using var routing = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_scenario.Layout.RoutingPath));
        var mnist = routing.RootElement.GetProperty("models").GetProperty("mnist");
        Assert.Equal(90, mnist.GetProperty("stable").GetProperty("weight").GetInt32());
        Assert.Equal(v1.Name, mnist.GetProperty("stable").GetProperty("version").GetString());
        Assert.Equal(10, mnist.GetProperty("canary").GetProperty("weight").GetInt32());
        Assert.Equal(v2.Number, mnist.GetProperty("canary").GetProperty("number").GetInt64());
    }

    [Fact]
    public void Should_Take_Previous_Stable_From_The_Log_Not_From_Version_Numbers()
    {
        // Given v1, v2, v3 pushed
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        var v3 = _scenario.Push("three");
        using var registry = _scenario.Open();

        // When v1 then v3 are promoted: previous stable is v1, not v2 (the next-lower number)
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange(Kind: EventKind.Promote));
        Assert.Null(registry.PreviousStable("mnist"));
        registry.SetLabel("mnist", LabelNames.Stable, v3.Name, new LabelChange(Kind: EventKind.Promote));
        Assert.Equal(v1.Name, registry.PreviousStable("mnist")!.Name);

        // When stable rolls back to v1: previous is now v3, what stable pointed to before the rollback
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange("bad latency", Kind: EventKind.Rollback));
        Assert.Equal(v3.Name, registry.PreviousStable("mnist")!.Name);

        // When v2 is promoted after the rollback: previous is v1
        registry.SetLabel("mnist", LabelNames.Stable, v2.Name, new LabelChange(Kind: EventKind.Promote));
        Assert.Equal(v1.Name, registry.PreviousStable("mnist")!.Name);

        // And moving other labels does not disturb it
        registry.SetLabel("mnist", LabelNames.Canary, v3.Name, new LabelChange(Weight: 5));
        registry.SetLabel("mnist", LabelNames.Golden, v3.Name);
        Assert.Equal(v1.Name, registry.PreviousStable("mnist")!.Name);
    }

    [Fact]
    public void Should_List_One_Labels_History_With_From_To_Kind_And_Reason()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange("first", Kind: EventKind.Promote));
        registry.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange("try v2", Weight: 10));
        registry.SetLabel("mnist", LabelNames.Stable, v2.Name, new LabelChange("v2 is better", Kind: EventKind.Promote));
        registry.ClearLabel("mnist", LabelNames.Canary, "promoted", EventKind.Promote);
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange("p99 regression", Kind: EventKind.Rollback));

        var stable = registry.LabelHistory("mnist", LabelNames.Stable);
        Assert.Equal(
            [(EventKind.Promote, null, v1.Name, "first"), (EventKind.Promote, v1.Name, v2.Name, "v2 is better"), (EventKind.Rollback, v2.Name, v1.Name, "p99 regression")],
            stable.Select(e => (e.Kind, e.FromVersion, e.ToVersion, e.Reason)));
        Assert.All(stable, e => Assert.Equal("tester", e.Actor));
        var canary = registry.LabelHistory("mnist", LabelNames.Canary);
        Assert.Equal([(v2.Name as string, "{\"weight\":10}"), (null, null)], canary.Select(e => (e.ToVersion, e.Evidence)));
        Assert.False(File.Exists(_scenario.Layout.LabelPath("mnist", LabelNames.Canary)) || _scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", LabelNames.Canary)) is not null);
    }

    [Fact]
    public void Should_Record_Nothing_When_A_Label_Already_Points_There()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Golden, v1.Name);
        var before = _scenario.Snapshot();

        var again = registry.SetLabel("mnist", LabelNames.Golden, v1.Name);

        Assert.False(again.Changed);
        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Remove_The_Link_But_Not_The_Version_When_A_Label_Is_Cleared()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", "shadow-eu", v1.Name);

        var cleared = registry.ClearLabel("mnist", "shadow-eu", "experiment over");

        Assert.Equal(new LabelChangeResult("mnist", "shadow-eu", v1.Name, null, true), cleared);
        Assert.Null(_scenario.LinkTarget(_scenario.Layout.LabelPath("mnist", "shadow-eu")));
        Assert.False(Path.Exists(_scenario.Layout.LabelPath("mnist", "shadow-eu")));
        Assert.True(Directory.Exists(_scenario.Layout.VersionDirectory("mnist", v1.Name)));
        Assert.Empty(registry.Labels("mnist"));
    }

    [Fact]
    public void Should_Change_Nothing_When_Clearing_A_Label_That_Is_Not_Set()
    {
        using var registry = _scenario.Open();

        var result = registry.ClearLabel("mnist", LabelNames.Canary);

        Assert.False(result.Changed);
        Assert.False(Directory.Exists(_scenario.Root), "clearing nothing must not create the store");
    }

    [Fact]
    public void Should_Filter_History_By_Model_Label_Kind_And_Time()
    {
        var v1 = _scenario.Push("one");
        var other = _scenario.Push("one", model: "fraud");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);
        _scenario.Clock.Advance(TimeSpan.FromHours(1));
        var later = _scenario.Clock.GetUtcNow();
        registry.SetLabel("fraud", LabelNames.Stable, other.Name);

        Assert.Equal(2, registry.History(new EventQuery("mnist")).Count);
        Assert.Equal(["mnist", "fraud"], registry.History(new EventQuery(Label: LabelNames.Stable)).Select(e => e.Model));
        Assert.Equal(["fraud"], registry.History(new EventQuery(Since: later)).Select(e => e.Model));
        Assert.Equal(2, registry.History(new EventQuery(Kinds: [EventKind.Push])).Count);
        Assert.Equal([EventKind.Push, EventKind.LabelMove], registry.History(new EventQuery("mnist", Kinds: [EventKind.Push, EventKind.LabelMove])).Select(e => e.Kind));
        Assert.Equal(["fraud"], registry.History(new EventQuery(Newest: 1)).Select(e => e.Model));
        Assert.Equal([EventKind.LabelMove, EventKind.LabelMove], registry.History(new EventQuery(Newest: 2)).Select(e => e.Kind));
    }

    [Fact]
    public void Should_Record_A_Validation_And_The_Blessing()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();

        registry.RecordValidation("mnist", v1.Name, Blessing.Blessed, new { accuracy = "pass" });
        registry.RecordValidation("mnist", null, Blessing.Rejected, new { accuracy = "fail" }, "accuracy 0.80 < 0.85");

        Assert.Equal(Blessing.Blessed, registry.Version("mnist", v1.Name).Blessing);
        var validations = registry.History(new EventQuery("mnist", Kinds: [EventKind.Validation]));
        Assert.Equal([(v1.Name as string, "blessed"), (null, "rejected: accuracy 0.80 < 0.85")], validations.Select(e => (e.ToVersion, e.Reason)));
        Assert.Equal("{\"accuracy\":\"fail\"}", validations[1].Evidence);
    }

    [Fact]
    public void Should_Link_A_Task_Run_To_The_Versions_It_Wrote_And_Read()
    {
        using var registry = _scenario.Open();
        ModelVersion pushed;
        using (var run = registry.StartExecution("Push", "mnist", new Dictionary<string, string?> { ["artifact"] = "./model" }))
        {
            pushed = registry.Push(_scenario.Request("one")).Version;
            run.Complete(ExecutionOutcome.Succeeded);
        }

        using (var run = registry.StartExecution("Promote", "mnist", new Dictionary<string, string?>()))
        {
            registry.SetLabel("mnist", LabelNames.Stable, pushed.Name);
        }

        var runs = registry.Executions("mnist");
        Assert.Equal(2, runs.Count);
        Assert.Equal(("Push", ExecutionOutcome.Succeeded), (runs[0].Task, runs[0].Outcome));
        Assert.Equal("{\"artifact\":\"./model\"}", runs[0].Arguments);
        Assert.Equal([new ExecutionLink("mnist", pushed.Name, ExecutionRole.Output)], runs[0].Links);
        Assert.Equal(ExecutionOutcome.Failed, runs[1].Outcome);
        Assert.Equal([new ExecutionLink("mnist", pushed.Name, ExecutionRole.Input)], runs[1].Links);
        Assert.NotNull(runs[1].FinishedAt);
        var events = registry.History(new EventQuery("mnist"));
        Assert.Equal([runs[0].Id, runs[1].Id], events.Select(e => e.ExecutionId!.Value));
    }

    [Fact]
    public void Should_Promote_By_Moving_Stable_And_Clearing_Canary_In_One_Change()
    {
        // Given stable on v1 and canary on v2
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var registry = _scenario.Open();
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);
        registry.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(Weight: 10));

        // When stable moves to v2 and canary is cleared together
        var results = registry.ChangeLabels("mnist",
        [
            LabelEdit.Set(LabelNames.Stable, v2.Name, new LabelChange("canary looked good", Kind: EventKind.Promote)),
            LabelEdit.Clear(LabelNames.Canary, new LabelChange("promoted", Kind: EventKind.Promote)),
        ]);

        // Then both moved, each with its own event, and the links and configs agree
        Assert.Equal([(v1.Name as string, v2.Name as string, true), (v2.Name, null, true)], results.Select(r => (r.From, r.To, r.Changed)));
        Assert.Equal([(LabelNames.Stable, v2.Name)], registry.Labels("mnist").Select(l => (l.Label, l.Version)));
        var last = registry.History(new EventQuery("mnist", Newest: 2));
        Assert.Equal([(LabelNames.Stable, EventKind.Promote), (LabelNames.Canary, EventKind.Promote)], last.Select(e => (e.Label!, e.Kind)));
        Assert.False(Path.Exists(_scenario.Layout.LabelPath("mnist", LabelNames.Canary)));
        Assert.DoesNotContain("canary", File.ReadAllText(_scenario.Layout.ModelsConfigPath));
    }

    [Fact]
    public void Should_Change_No_Label_When_A_Multi_Label_Change_Fails_Before_Commit()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
            setup.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(Weight: 10));
        }

        var before = _scenario.Snapshot();
        using var registry = _scenario.Open(fault: at => { if (at == "before-commit") { throw new IOException("power cut"); } });

        Assert.Throws<IOException>(() => registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Stable, v2.Name), LabelEdit.Clear(LabelNames.Canary)]));

        Assert.Equal(before, _scenario.Snapshot());
    }

    [Fact]
    public void Should_Refuse_Changing_One_Label_Twice_In_One_Request()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open();

        var error = Assert.Throws<RegistryException>(() => registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Golden, v1.Name), LabelEdit.Clear(LabelNames.Golden)]));

        Assert.Contains("Change each label once", error.Message);
        Assert.Empty(registry.Labels("mnist"));
    }
}
