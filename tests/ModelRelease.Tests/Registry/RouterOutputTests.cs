using ModelRelease.Tests.Fixtures;
using YamlDotNet.Serialization;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// The KServe and Istio files follow every canary move: canary 10 → 50 → promote → rollback, each file parsed back and
/// checked against the fields of the published InferenceService (serving.kserve.io/v1beta1) and VirtualService
/// (networking.istio.io/v1) schemas.
/// </summary>
public sealed class RouterOutputTests : IDisposable
{
    private static readonly RouterOutputs Settings = new([RouterKind.KServe, RouterKind.Istio]) { Namespace = "ml", StorageUri = "s3://models/mnist/" };

    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    private string KServe => _scenario.Layout.RouterPath(RouterKind.KServe, "mnist");

    private string Istio => _scenario.Layout.RouterPath(RouterKind.Istio, "mnist");

    [Fact]
    public void Should_Follow_Every_Canary_Move()
    {
        var v1 = _scenario.Push("one");
        var v2 = _scenario.Push("two");
        using var registry = _scenario.Open(routers: model => model == "mnist" ? Settings : null);

        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);
        AssertRouted(stable: v1.Name, canary: null, weight: 0);

        registry.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(null, 10));
        AssertRouted(stable: v1.Name, canary: v2.Name, weight: 10);

        registry.SetLabel("mnist", LabelNames.Canary, v2.Name, new LabelChange(null, 50));
        AssertRouted(stable: v1.Name, canary: v2.Name, weight: 50);

        registry.ChangeLabels("mnist", [LabelEdit.Set(LabelNames.Stable, v2.Name, new LabelChange(Kind: EventKind.Promote)), LabelEdit.Clear(LabelNames.Canary, new LabelChange(Kind: EventKind.Promote))]);
        AssertRouted(stable: v2.Name, canary: null, weight: 0);

        registry.SetLabel("mnist", LabelNames.Stable, v1.Name, new LabelChange(Kind: EventKind.Rollback));
        AssertRouted(stable: v1.Name, canary: null, weight: 0);
    }

    [Fact]
    public void Should_Write_Only_The_Routers_The_Policy_Asks_For_And_Leave_Unknown_Models_Alone()
    {
        var v1 = _scenario.Push("one");
        var other = _scenario.Push("other", model: "other");
        using (var plain = _scenario.Open(routers: model => model == "mnist" ? Settings with { Kinds = [RouterKind.Istio] } : null))
        {
            plain.SetLabel("mnist", LabelNames.Stable, v1.Name);
            plain.SetLabel("other", LabelNames.Stable, other.Name);
        }

        Assert.True(File.Exists(Istio));
        Assert.False(File.Exists(KServe));
        Assert.False(File.Exists(_scenario.Layout.RouterPath(RouterKind.Istio, "other")));

        // A run that does not know mnist's policy leaves its file as it is.
        var written = File.ReadAllText(Istio);
        using var unaware = _scenario.Open();
        unaware.ClearLabel("mnist", LabelNames.Stable);
        Assert.Equal(written, File.ReadAllText(Istio));
    }

    [Fact]
    public void Should_Keep_A_Version_Name_That_Looks_Like_A_Number_A_String()
    {
        var v1 = _scenario.Push("one", name: "1.0");
        using var registry = _scenario.Open(routers: _ => Settings);

        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);

        Assert.Contains("modelrelease.io/stable: \"1.0\"", File.ReadAllText(KServe), StringComparison.Ordinal);
        Assert.Equal("1.0", Map(Map(Parse(KServe)["metadata"])["annotations"])["modelrelease.io/stable"]);
    }

    [Fact]
    public void Should_Remove_The_Files_When_The_Model_Serves_Nothing()
    {
        var v1 = _scenario.Push("one");
        using var registry = _scenario.Open(routers: _ => Settings);
        registry.SetLabel("mnist", LabelNames.Stable, v1.Name);
        Assert.True(File.Exists(KServe));

        registry.ClearLabel("mnist", LabelNames.Stable);

        Assert.False(File.Exists(KServe));
        Assert.False(File.Exists(Istio));
    }

    [Fact]
    public void Should_Read_And_Write_Routers_In_The_Policy_File()
    {
        var policy = ReleasePolicy.For("mnist").WithRouters(Settings with { CanaryHost = "mnist-next" });

        var json = ReleasePolicyFile.ToJson(policy);

        Assert.Contains("\"routers\"", json, StringComparison.Ordinal);
        Assert.Equal(policy, ReleasePolicyFile.Parse(json, "policy.json"));
        var unknown = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse("{\"model\": \"mnist\", \"routers\": {\"outputs\": [\"linkerd\"]}}", "policy.json"));
        Assert.Contains("\"linkerd\", which is not a router this tool writes. Use \"kserve\" or \"istio\"", unknown.Message, StringComparison.Ordinal);
        var noStorage = Assert.Throws<RegistryException>(() => ReleasePolicyFile.Parse("{\"model\": \"mnist\", \"routers\": {\"outputs\": [\"kserve\"]}}", "policy.json"));
        Assert.Contains("needs storageUri", noStorage.Message, StringComparison.Ordinal);
    }

    private void AssertRouted(string stable, string? canary, int weight)
    {
        var service = Parse(KServe);
        AssertKeys(service, "apiVersion", "kind", "metadata", "spec");
        Assert.Equal("serving.kserve.io/v1beta1", service["apiVersion"]);
        Assert.Equal("InferenceService", service["kind"]);
        AssertMetadata(Map(service["metadata"]));
        var predictor = Map(Map(service["spec"])["predictor"]);
        AssertKeys(predictor, "canaryTrafficPercent", "model");
        var model = Map(predictor["model"]);
        AssertKeys(model, "modelFormat", "storageUri");
        Assert.Equal("tensorflow", Map(model["modelFormat"])["name"]);
        // The predictor is the newest revision: the canary while one runs, with its share; stable otherwise, with none.
        Assert.Equal($"s3://models/mnist/{canary ?? stable}", model["storageUri"]);
        Assert.Equal(canary is null ? null : weight.ToString(System.Globalization.CultureInfo.InvariantCulture), predictor.GetValueOrDefault("canaryTrafficPercent"));

        var virtualService = Parse(Istio);
        AssertKeys(virtualService, "apiVersion", "kind", "metadata", "spec");
        Assert.Equal("networking.istio.io/v1", virtualService["apiVersion"]);
        Assert.Equal("VirtualService", virtualService["kind"]);
        AssertMetadata(Map(virtualService["metadata"]));
        var spec = Map(virtualService["spec"]);
        AssertKeys(spec, "hosts", "http");
        Assert.Equal(["mnist.ml.svc.cluster.local"], List(spec["hosts"]));
        var http = Map(Assert.Single(List(spec["http"])));
        AssertKeys(http, "name", "route");
        var routes = List(http["route"]).Select(Map).ToList();
        foreach (var route in routes)
        {
            AssertKeys(route, "destination", "weight");
            AssertKeys(Map(route["destination"]), "host");
        }

        var weights = routes.ToDictionary(r => (string)Map(r["destination"])["host"], r => int.Parse((string)r["weight"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(100, weights.Values.Sum());
        Assert.Equal(canary is null ? new Dictionary<string, int> { ["mnist-stable"] = 100 } : new Dictionary<string, int> { ["mnist-stable"] = 100 - weight, ["mnist-canary"] = weight }, weights);
    }

    private static void AssertMetadata(Dictionary<object, object> metadata)
    {
        AssertKeys(metadata, "name", "namespace", "labels", "annotations");
        Assert.Equal("mnist", metadata["name"]);
        Assert.Equal("ml", metadata["namespace"]);
    }

    /// <summary>Every key is one the published schema defines for this object (a subset of them, here).</summary>
    private static void AssertKeys(Dictionary<object, object> map, params string[] allowed) =>
        Assert.All(map.Keys.Cast<string>(), key => Assert.Contains(key, allowed));

    private static Dictionary<object, object> Parse(string path) =>
        new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(File.ReadAllText(path));

    private static Dictionary<object, object> Map(object? node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<object> List(object? node) => Assert.IsType<List<object>>(node);
}
