using ModelRelease.Internal;

namespace ModelRelease.Tests.Registry;

public sealed class ServingConfigTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_Write_An_Empty_Model_List_When_Nothing_Is_Labelled()
    {
        Assert.Equal("model_config_list {\n}\n", ServingConfig.ModelsConfig([], "/models"));
        Assert.Equal("{\n  \"models\": {}\n}\n", ServingConfig.Routing([]));
    }

    [Fact]
    public void Should_Load_Only_Stable_And_Canary_And_Label_Only_Loaded_Versions()
    {
        LabelAssignment[] labels =
        [
            new("mnist", "golden", "v-1", 1, null, At),
            new("mnist", "stable", "v-2", 2, null, At),
            new("mnist", "shadow", "v-3", 3, null, At),
        ];

        var config = ServingConfig.ModelsConfig(labels, "/models/");

        Assert.Contains("base_path: \"/models/mnist/serving\"", config);
        Assert.Contains("versions: 2\n", config);
        Assert.Contains("    version_labels {\n      key: \"stable\"\n      value: 2\n    }\n", config);
        Assert.DoesNotContain("versions: 1\n", config);
        Assert.DoesNotContain("golden", config);
        Assert.DoesNotContain("shadow", config);
    }

    [Fact]
    public void Should_Load_A_Preloaded_Version_Without_A_Label()
    {
        LabelAssignment[] labels = [new("mnist", "stable", "v-1", 1, null, At)];

        var config = ServingConfig.ModelsConfig(labels, "/models", preload: [new("mnist", "canary", "v-2", 2, 10, At), new("fresh", "stable", "f-1", 7, null, At)]);

        Assert.Contains("        versions: 1\n        versions: 2\n", config);
        Assert.Contains("key: \"stable\"\n      value: 1\n", config);
        Assert.DoesNotContain("canary", config);
        // A model the server does not serve yet gets its first version loaded with no label at all.
        Assert.Contains("name: \"fresh\"", config);
        Assert.Contains("versions: 7\n", config);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(config, "version_labels"));
    }

    [Fact]
    public void Should_Load_A_Version_Once_When_Stable_And_Canary_Share_It()
    {
        LabelAssignment[] labels = [new("mnist", "stable", "v-2", 2, null, At), new("mnist", "canary", "v-2", 2, 10, At)];

        var config = ServingConfig.ModelsConfig(labels, "/models");

        Assert.Equal(1, config.Split("versions: 2").Length - 1);
        Assert.Contains("key: \"canary\"", config);
    }

    [Fact]
    public void Should_Send_All_Traffic_To_A_Canary_Without_A_Stable()
    {
        var routing = ServingConfig.Routing([new LabelAssignment("mnist", "canary", "v-2", 2, 10, At)]);

        Assert.Contains("\"weight\": 100", routing);
    }

    [Fact]
    public void Should_List_Models_In_Name_Order_So_The_File_Only_Changes_When_Labels_Do()
    {
        LabelAssignment[] labels = [new("zeta", "stable", "v-1", 1, null, At), new("alpha", "stable", "v-1", 1, null, At)];

        var config = ServingConfig.ModelsConfig(labels, "/m");

        Assert.True(config.IndexOf("alpha", StringComparison.Ordinal) < config.IndexOf("zeta", StringComparison.Ordinal));
        Assert.Equal(config, ServingConfig.ModelsConfig(labels.Reverse().ToArray(), "/m"));
    }

    [Fact]
    public void Should_Put_Each_Base_Path_Under_The_Path_The_Server_Sees()
    {
        // Given a root the serving container mounts at /models
        LabelAssignment[] labels = [new("mnist", "stable", "v-2", 2, null, At)];

        // When the config is rendered for that path
        var config = ServingConfig.ModelsConfig(labels, "/models");

        // Then the model's base path is under /models, not under the root's path on this machine
        Assert.Contains("    base_path: \"/models/mnist/serving\"\n", config);
    }

    [Fact]
    public void Should_Say_Onnx_For_A_Model_Whose_Loaded_Version_Is_Onnx()
    {
        // Given an ONNX model and a SavedModel
        LabelAssignment[] labels = [new("onnxy", "stable", "v-1", 1, null, At), new("tfy", "stable", "v-1", 1, null, At)];
        ArtifactFormat FormatOf(LabelAssignment label) => label.Model == "onnxy" ? ArtifactFormat.Onnx : ArtifactFormat.TensorFlowSavedModel;

        // When the config is rendered
        var config = ServingConfig.ModelsConfig(labels, "/models", FormatOf);

        // Then each model has its own platform
        Assert.Contains("name: \"onnxy\"\n    base_path: \"/models/onnxy/serving\"\n    model_platform: \"onnx\"\n", config);
        Assert.Contains("name: \"tfy\"\n    base_path: \"/models/tfy/serving\"\n    model_platform: \"tensorflow\"\n", config);
    }

    [Fact]
    public void Should_Keep_Stables_Platform_And_Warn_When_The_Canary_Has_Another_Format()
    {
        // Given a SavedModel stable and an ONNX canary
        LabelAssignment[] labels = [new("mnist", "canary", "v-2", 2, 10, At), new("mnist", "stable", "v-1", 1, null, At)];
        var warnings = new List<string>();

        // When the config is rendered
        var config = ServingConfig.ModelsConfig(labels, "/models", l => l.Version == "v-2" ? ArtifactFormat.Onnx : ArtifactFormat.TensorFlowSavedModel, warnings.Add);

        // Then stable's platform stays, and the warning names both versions and the fix
        Assert.Contains("model_platform: \"tensorflow\"", config);
        Assert.DoesNotContain("onnx", config);
        var warning = Assert.Single(warnings);
        Assert.Contains("stable v-1 (tensorflow) and canary v-2 (onnx)", warning);
        Assert.Contains("Roll the canary back", warning);
    }

    [Theory]
    [InlineData("saved_model.pb", ArtifactFormat.TensorFlowSavedModel)]
    [InlineData("saved_model.pbtxt", ArtifactFormat.TensorFlowSavedModel)]
    [InlineData("model.ONNX", ArtifactFormat.Onnx)]
    [InlineData("nested/model.onnx", ArtifactFormat.Any)]
    [InlineData("README.md", ArtifactFormat.Any)]
    public void Should_Tell_A_Versions_Format_From_The_Top_Level_Of_Its_Manifest(string path, ArtifactFormat expected)
    {
        var manifest = VersionManifest.FromEntries([new ManifestEntry(path, 1, new string('0', 64))]);

        Assert.Equal(expected, ArtifactStructure.FormatOf(manifest));
    }
}
