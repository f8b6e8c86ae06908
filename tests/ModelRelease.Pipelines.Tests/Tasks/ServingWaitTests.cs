using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelRelease.Serving;
using ModelRelease.Testing;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Label moves with <c>--serving-url</c> against a real Serve: the incoming version is loaded before any label points
/// at it, a version the server cannot load is refused with the server's message and nothing moves, and a server that
/// never loads it times out the same way.
/// </summary>
public sealed partial class ServingWaitTests(TrainedSentiment trained) : IClassFixture<TrainedSentiment>, IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    private string ModelsConfig => Path.Combine(_host.Root, "models.config");

    private string Routing => Path.Combine(_host.Root, "routing.json");

    [Fact]
    public async Task Should_Never_Point_A_Label_At_A_Version_The_Server_Has_Not_Loaded()
    {
        PushAndPromoteV1();
        Push("v2", trained.Better);
        await using var server = await Serve();
        var url = $"--serving-url={server.Address}";
        using var stop = new CancellationTokenSource();
        var violations = new ConcurrentQueue<string>();
        var sampler = Task.Run(() => Sample(server, violations, stop.Token));

        _host.Run("--target=Canary", "--model=sentiment", "--version=v2", "--weight=20", url).AssertExit(0);
        _host.Run("--target=Promote", "--model=sentiment", url).AssertExit(0);
        var rollback = _host.Run("--target=Rollback", "--model=sentiment", "--to=v1", url);
        await stop.CancelAsync();
        var preloads = await sampler;

        rollback.AssertExit(0);
        Assert.Empty(violations);
        Assert.Contains("served the incoming version before its label moved", rollback.Out, StringComparison.Ordinal);
        // The canary of v2 and the rollback to v1 each loaded their version unlabelled first.
        Assert.True(preloads >= 2, $"saw {preloads} configs loading a version before labelling it");
        var labels = Labels(File.ReadAllText(ModelsConfig));
        Assert.Equal(["stable"], labels.Keys);
        Assert.Equal("v1", server.States("sentiment").Single(s => s.Number == labels["stable"]).Version);
    }

    [Fact]
    public async Task Should_Refuse_A_Version_The_Server_Cannot_Load_And_Put_The_Configs_Back()
    {
        PushAndPromoteV1();
        var broken = trained.NewDirectory("broken");
        File.WriteAllText(Path.Combine(broken, "model.onnx"), "this is not an ONNX model");
        Push("v2", broken);
        await using var server = await Serve();
        var config = File.ReadAllBytes(ModelsConfig);
        var routing = File.ReadAllBytes(Routing);

        var run = _host.Run("--target=Canary", "--model=sentiment", "--version=v2", $"--serving-url={server.Address}");

        run.AssertExit(1);
        Assert.Contains("could not load sentiment version", run.Error, StringComparison.Ordinal);
        Assert.Contains("The label was not moved", run.Error, StringComparison.Ordinal);
        Assert.Equal(config, File.ReadAllBytes(ModelsConfig));
        Assert.Equal(routing, File.ReadAllBytes(Routing));
        Assert.Equal(["stable v1"], StoredLabels());
    }

    [Fact]
    public async Task Should_Refuse_The_Move_When_The_Server_Does_Not_Load_In_Time()
    {
        PushAndPromoteV1();
        Push("v2", trained.Better);
        // A server that never reads models.config again: v2 is never listed.
        await using var server = await Serve(TimeSpan.FromHours(1));
        var config = File.ReadAllBytes(ModelsConfig);

        var run = _host.Run("--target=Canary", "--model=sentiment", "--version=v2", $"--serving-url={server.Address}", "--serving-timeout=1s");

        run.AssertExit(1);
        Assert.Contains("did not serve the version in 1 s", run.Error, StringComparison.Ordinal);
        Assert.Contains("--serving-timeout", run.Error, StringComparison.Ordinal);
        Assert.Equal(config, File.ReadAllBytes(ModelsConfig));
        Assert.Equal(["stable v1"], StoredLabels());
    }

    [Fact]
    public void Should_Say_The_Wait_Was_Skipped_Without_A_Serving_Url()
    {
        PushAndPromoteV1();
        Push("v2", trained.Better);

        var run = _host.Run("--target=Canary", "--model=sentiment", "--version=v2");

        run.AssertExit(0);
        Assert.Contains("wait skipped (no --serving-url)", run.Out, StringComparison.Ordinal);
        Assert.Contains("canary", Labels(File.ReadAllText(ModelsConfig)).Keys);
    }

    [Fact]
    public void Should_Print_The_Phases_In_A_Dry_Run_And_Touch_Nothing()
    {
        PushAndPromoteV1();
        Push("v2", trained.Better);
        var config = File.ReadAllBytes(ModelsConfig);

        // Nothing listens there: a dry run asks no server.
        var run = _host.Run("--target=Canary", "--model=sentiment", "--version=v2", "--serving-url=http://127.0.0.1:9/", "--dryrun");

        run.AssertExit(0);
        var text = RootSafetyTests.Flat(run.Out);
        Assert.Contains("phase 1: also load v2, labels unchanged", text, StringComparison.Ordinal);
        Assert.Contains("phase 2: move the labels", text, StringComparison.Ordinal);
        Assert.Contains("phase 3: unload the versions no label serves any more", text, StringComparison.Ordinal);
        Assert.Equal(config, File.ReadAllBytes(ModelsConfig));
    }

    private List<string> StoredLabels()
    {
        using var registry = ModelRegistry.Open(_host.Root);
        return registry.Labels("sentiment").Select(l => $"{l.Label} {l.Version}").ToList();
    }

    private void PushAndPromoteV1()
    {
        Push("v1", trained.Good);
        _host.Run("--target=Promote", "--model=sentiment", "--version=v1").AssertExit(0);
    }

    private void Push(string version, string artifact) =>
        _host.Run("--target=Push", "--model=sentiment", $"--artifact={artifact}", $"--version={version}", "--skip-validation", "--reason=serving wait test").AssertExit(0);

    private Task<ModelServer> Serve(TimeSpan? poll = null) =>
        ModelServer.StartAsync(new ServingOptions { Root = _host.Root, Port = 0, PollInterval = poll ?? TimeSpan.FromMilliseconds(20) });

    /// <summary>
    /// Reads models.config over and over while labels move: every label it names must be a version the server has
    /// AVAILABLE at that moment (the move waited for it), and a config that lists a version no label names is a preload.
    /// </summary>
    /// <returns>How many preloading configs it saw.</returns>
    private int Sample(ModelServer server, ConcurrentQueue<string> violations, CancellationToken stop)
    {
        var preloads = 0;
        string? last = null;
        while (!stop.IsCancellationRequested)
        {
            string text;
            try
            {
                text = File.ReadAllText(ModelsConfig);
            }
            catch (IOException)
            {
                continue;
            }

            if (text == last)
            {
                Thread.Sleep(1);
                continue;
            }

            last = text;
            var states = server.States("sentiment").ToDictionary(s => s.Number, s => s.State);
            foreach (var (label, number) in Labels(text))
            {
                if (states.GetValueOrDefault(number, ServedState.End) != ServedState.Available)
                {
                    violations.Enqueue($"{label} -> {number} while the server had it {states.GetValueOrDefault(number, ServedState.End)}:\n{text}");
                }
            }

            var labelled = Labels(text).Values.ToHashSet();
            if (VersionsLine().Matches(text).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Any(n => !labelled.Contains(n)))
            {
                preloads++;
            }
        }

        return preloads;
    }

    private static Dictionary<string, long> Labels(string config) =>
        LabelEntry().Matches(config).ToDictionary(m => m.Groups[1].Value, m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex("key: \"([a-z]+)\"\\s+value: (\\d+)")]
    private static partial Regex LabelEntry();

    [GeneratedRegex("versions: (\\d+)")]
    private static partial Regex VersionsLine();
}
