using ModelRelease.Testing;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests.Exposition;

public sealed class RegistryExpositionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RegistryMetricsSnapshot Sample() => new(
    [
        new ModelMetricsRow(
            "sentiment",
            [
                new VersionMetricsRow("v2", "bbbb", "ds-2", new Dictionary<string, double> { ["latency_p99_ms"] = 41.5, ["accuracy"] = 0.93 }),
                new VersionMetricsRow("v1", "aaaa", "ds-1", new Dictionary<string, double> { ["accuracy"] = 0.91 }),
            ],
            [
                new LabelMetricsRow("canary", "v2", 15),
                new LabelMetricsRow("golden", "v1", 0),
                new LabelMetricsRow("stable", "v1", 85),
            ],
            DateTimeOffset.FromUnixTimeMilliseconds(1_764_670_000_250)),
        new ModelMetricsRow("fraud", [new VersionMetricsRow("v1", "cccc", "unknown", new Dictionary<string, double> { ["auc"] = 0.8 })], [new LabelMetricsRow("stable", "v1", 100)], null),
    ]);

    [Fact]
    public void Should_Render_The_Golden_Exposition_Text_Sorted()
    {
        var text = RegistryExposition.Render(Sample());

        Assert.Equal(
            """
            # HELP model_label_version Traffic weight in percent of the version a label points at (stable: 100 minus the canary's weight; canary: its weight; golden and other labels: 0).
            # TYPE model_label_version gauge
            model_label_version{model="fraud",label="stable",version="v1"} 100
            model_label_version{model="sentiment",label="canary",version="v2"} 15
            model_label_version{model="sentiment",label="golden",version="v1"} 0
            model_label_version{model="sentiment",label="stable",version="v1"} 85
            # HELP model_last_rollback_timestamp_seconds Unix time of the model's last rollback.
            # TYPE model_last_rollback_timestamp_seconds gauge
            model_last_rollback_timestamp_seconds{model="sentiment"} 1764670000.25
            # HELP model_version_info A live model version with its git commit and dataset version; always 1.
            # TYPE model_version_info gauge
            model_version_info{model="fraud",version="v1",git_commit="cccc",dataset_version="unknown"} 1
            model_version_info{model="sentiment",version="v1",git_commit="aaaa",dataset_version="ds-1"} 1
            model_version_info{model="sentiment",version="v2",git_commit="bbbb",dataset_version="ds-2"} 1
            # HELP model_version_performance An evaluation metric recorded with a live model version.
            # TYPE model_version_performance gauge
            model_version_performance{model="fraud",version="v1",metric="auc"} 0.8
            model_version_performance{model="sentiment",version="v1",metric="accuracy"} 0.91
            model_version_performance{model="sentiment",version="v2",metric="accuracy"} 0.93
            model_version_performance{model="sentiment",version="v2",metric="latency_p99_ms"} 41.5

            """.ReplaceLineEndings("\n"),
            text);
        Assert.Equal((4, 12), RegistryExposition.Count(Sample()));
    }

    [Fact]
    public void Should_Render_Nothing_For_An_Empty_Registry()
    {
        Assert.Equal("", RegistryExposition.Render(new RegistryMetricsSnapshot([])));
    }

    [Fact]
    public void Should_Escape_Hostile_Label_Values_And_Write_Non_Finite_Values_As_The_Format_Allows()
    {
        var hostile = new RegistryMetricsSnapshot(
        [
            new ModelMetricsRow("m", [new VersionMetricsRow("v1", "c", "d\"} 1\nevil_metric 666", new Dictionary<string, double>
            {
                ["back\\slash"] = double.NaN,
                ["quote\"d"] = double.PositiveInfinity,
                ["new\nline"] = double.NegativeInfinity,
                ["lone\ud800surrogate"] = -0.0,
            })], [], null),
        ]);

        var text = RegistryExposition.Render(hostile);

        Assert.Contains("""model_version_info{model="m",version="v1",git_commit="c",dataset_version="d\"} 1\nevil_metric 666"} 1""" + "\n", text);
        Assert.Contains("""model_version_performance{model="m",version="v1",metric="back\\slash"} NaN""" + "\n", text);
        Assert.Contains("""model_version_performance{model="m",version="v1",metric="quote\"d"} +Inf""" + "\n", text);
        Assert.Contains("""model_version_performance{model="m",version="v1",metric="new\nline"} -Inf""" + "\n", text);
        Assert.Contains("model_version_performance{model=\"m\",version=\"v1\",metric=\"lone\uFFFDsurrogate\"} 0\n", text);
        Assert.DoesNotContain("\nevil_metric", text);
        var (exitCode, output) = Promtool.CheckMetrics(text);
        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}: {output}\n{text}");
    }

    [Fact]
    public void Should_Pass_Promtool_Check_Metrics()
    {
        var (exitCode, output) = Promtool.CheckMetrics(RegistryExposition.Render(Sample()));

        Assert.True(exitCode == 0, $"promtool check metrics exited {exitCode}: {output}");
    }

    [Fact]
    public void Should_Write_The_Text_File_Atomically_Leaving_No_Temp_File()
    {
        var directory = _temp.CreateDirectory("textfile");
        var path = Path.Combine(directory, "modelrelease.prom");
        File.WriteAllText(path, "old\n");

        RegistryExposition.WriteTextFile(Sample(), path);
        RegistryExposition.WriteTextFile(Sample(), path);

        Assert.Equal(RegistryExposition.Render(Sample()), File.ReadAllText(path));
        Assert.Equal(["modelrelease.prom"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("metrics.txt")]
    [InlineData("metrics.prom.tmp")]
    [InlineData("metrics.PROM")]
    [InlineData("metrics")]
    public void Should_Refuse_A_Text_File_Whose_Extension_Is_Not_Prom(string name)
    {
        var directory = _temp.CreateDirectory("refused");
        var path = Path.Combine(directory, name);

        var error = Assert.Throws<RegistryException>(() => RegistryExposition.WriteTextFile(Sample(), path));

        Assert.Contains("reads only *.prom files", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public void Should_Refuse_A_Text_File_In_A_Missing_Directory()
    {
        var path = _temp.Combine("missing", "modelrelease.prom");

        var error = Assert.Throws<RegistryException>(() => RegistryExposition.WriteTextFile(Sample(), path));

        Assert.Contains("does not exist", error.Message);
        Assert.False(Directory.Exists(_temp.Combine("missing")));
    }
}
