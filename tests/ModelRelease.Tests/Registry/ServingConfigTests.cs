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
}
