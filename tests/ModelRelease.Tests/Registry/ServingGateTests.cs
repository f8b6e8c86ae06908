using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// A label move with <see cref="RegistryOptions.Readiness"/>, against a scripted server that answers TF Serving's
/// status shape from the models.config on disk: the phases, their order, and that a refusal or a failure after the
/// wait leaves the old state.
/// </summary>
public sealed partial class ServingGateTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    [Fact]
    public void Should_Load_The_Incoming_Version_Then_Move_The_Label_Then_Unload_The_Outgoing_One()
    {
        var (v1, v2) = StableAndCandidate();
        var server = new ScriptedServer(_scenario.Layout.ModelsConfigPath) { LoadingPolls = 2 };
        using var readiness = new ServingReadiness(new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), server);
        using var registry = _scenario.Open(readiness: readiness);

        registry.SetLabel("mnist", LabelNames.Stable, v2.Name);

        // Phase 1: both versions loaded, stable still on v1, polled until AVAILABLE.
        var phase1 = server.Seen.First(s => s.Path == "/v1/models/mnist");
        Assert.Equal([v1.Number, v2.Number], Versions(phase1.Config));
        Assert.Equal(v1.Number, Label(phase1.Config, "stable"));
        Assert.Equal(3, server.Seen.Count(s => s.Path == "/v1/models/mnist"));
        // Phase 2: stable on v2 while v1 is still loaded, until the server answers the label.
        var phase2 = server.Seen.Single(s => s.Path == "/v1/models/mnist/labels/stable");
        Assert.Equal([v1.Number, v2.Number], Versions(phase2.Config));
        Assert.Equal(v2.Number, Label(phase2.Config, "stable"));
        // Phase 3: the final config loads v2 alone.
        var final = File.ReadAllText(_scenario.Layout.ModelsConfigPath);
        Assert.Equal([v2.Number], Versions(final));
        Assert.Equal(v2.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Move_Nothing_And_Put_The_Config_Back_When_The_Server_Cannot_Load_The_Version()
    {
        var (v1, v2) = StableAndCandidate();
        var before = _scenario.Snapshot();
        var config = File.ReadAllBytes(_scenario.Layout.ModelsConfigPath);
        var server = new ScriptedServer(_scenario.Layout.ModelsConfigPath) { Broken = v2.Number };
        using var readiness = new ServingReadiness(new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), server);
        using var registry = _scenario.Open(readiness: readiness);

        var error = Assert.Throws<RegistryException>(() => registry.SetLabel("mnist", LabelNames.Stable, v2.Name));

        Assert.Contains($"could not load mnist version {v2.Number}: Loading servable failed: bad graph (INVALID_ARGUMENT)", error.Message, StringComparison.Ordinal);
        Assert.Equal(config, File.ReadAllBytes(_scenario.Layout.ModelsConfigPath));
        Assert.Equal(before, _scenario.Snapshot());
        Assert.Equal(v1.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Restore_The_Configs_From_The_Store_When_The_Change_Fails_After_The_Wait()
    {
        var (v1, v2) = StableAndCandidate();
        var before = _scenario.Snapshot();
        var server = new ScriptedServer(_scenario.Layout.ModelsConfigPath);
        using var readiness = new ServingReadiness(new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), server);
        using var registry = _scenario.Open(fault: at => { if (at == "after-serving-wait") { throw new IOException("power cut"); } }, readiness: readiness);

        Assert.Throws<IOException>(() => registry.SetLabel("mnist", LabelNames.Stable, v2.Name));

        // The server had been told stable is v2; the store says v1, and so do the configs again.
        Assert.Contains(server.Seen, s => s.Path.EndsWith("/labels/stable", StringComparison.Ordinal));
        Assert.Equal(before, _scenario.Snapshot());
        Assert.Equal(v1.Name, registry.VersionAt("mnist", LabelNames.Stable)!.Name);
    }

    [Fact]
    public void Should_Let_Verify_Repair_What_A_Crash_After_The_Wait_Would_Leave()
    {
        // A crash after phase 2 leaves the store on v1 and a config whose stable label already says v2 (loaded).
        var (v1, v2) = StableAndCandidate();
        var before = _scenario.Snapshot();
        var server = new ScriptedServer(_scenario.Layout.ModelsConfigPath);
        using var readiness = new ServingReadiness(new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), server);
        string? leftByCrash = null;
        using (var crashing = _scenario.Open(fault: at =>
        {
            if (at == "after-serving-wait")
            {
                leftByCrash = File.ReadAllText(_scenario.Layout.ModelsConfigPath);
                throw new IOException("killed");
            }
        }, readiness: readiness))
        {
            Assert.Throws<IOException>(() => crashing.SetLabel("mnist", LabelNames.Stable, v2.Name));
        }

        Assert.Equal(v2.Number, Label(leftByCrash!, "stable"));
        File.WriteAllText(_scenario.Layout.ModelsConfigPath, leftByCrash);

        using var registry = _scenario.Open();
        Assert.Contains(registry.Verify().Findings, f => f.Path == _scenario.Layout.ModelsConfigPath);
        registry.Repair();
        Assert.Equal(before, _scenario.Snapshot());
        Assert.Equal(v1.Number, Label(File.ReadAllText(_scenario.Layout.ModelsConfigPath), "stable"));
    }

    [Fact]
    public void Should_Ask_No_Server_When_Only_The_Canary_Weight_Changes()
    {
        var (_, v2) = StableAndCandidate();
        using (var setup = _scenario.Open())
        {
            setup.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(null, 10));
        }

        var server = new ScriptedServer(_scenario.Layout.ModelsConfigPath);
        using var readiness = new ServingReadiness(new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(1), server);
        using var registry = _scenario.Open(readiness: readiness);

        registry.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(null, 50));

        Assert.Empty(server.Seen);
        Assert.Contains("\"weight\": 50", File.ReadAllText(_scenario.Layout.RoutingPath), StringComparison.Ordinal);
    }

    private (ModelVersion V1, ModelVersion V2) StableAndCandidate()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var setup = _scenario.Open();
        setup.SetLabel("mnist", LabelNames.Stable, v1.Name);
        return (v1, v2);
    }

    private static List<long> Versions(string config) =>
        VersionsLine().Matches(config).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();

    private static long? Label(string config, string label) =>
        LabelEntry().Matches(config).Where(m => m.Groups[1].Value == label).Select(m => (long?)long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).SingleOrDefault();

    [GeneratedRegex("versions: (\\d+)")]
    private static partial Regex VersionsLine();

    [GeneratedRegex("key: \"([a-z]+)\"\\s+value: (\\d+)")]
    private static partial Regex LabelEntry();

    /// <summary>Answers GetModelStatus from the models.config on disk, recording what it was asked and the config it saw.</summary>
    private sealed class ScriptedServer(string configPath) : HttpMessageHandler
    {
        public List<(string Path, string Config)> Seen { get; } = [];

        /// <summary>How many status polls see a version LOADING before AVAILABLE.</summary>
        public int LoadingPolls { get; init; }

        /// <summary>A version whose load fails.</summary>
        public long? Broken { get; init; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) => Task.FromResult(Send(request, cancellationToken));

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var config = File.ReadAllText(configPath);
            var path = request.RequestUri!.AbsolutePath;
            Seen.Add((path, config));
            var loading = Seen.Count <= LoadingPolls;
            var numbers = path.EndsWith("/labels/stable", StringComparison.Ordinal) ? [Label(config, "stable")!.Value] : Versions(config);
            var statuses = numbers.Select(n => n == Broken
                ? $"{{\"version\":\"{n}\",\"state\":\"END\",\"status\":{{\"error_code\":\"INVALID_ARGUMENT\",\"error_message\":\"Loading servable failed: bad graph\"}}}}"
                : $"{{\"version\":\"{n}\",\"state\":\"{(loading ? "LOADING" : "AVAILABLE")}\",\"status\":{{\"error_code\":\"OK\",\"error_message\":\"\"}}}}");
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent($"{{\"model_version_status\":[{string.Join(",", statuses)}]}}", Encoding.UTF8, "application/json"),
            };
        }
    }
}
