using System.Reflection;
using ModelRelease.Internal;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// A dry run reads a model that nothing planned adds to or prunes from as a real run would: the store answers the
/// read's own query (live versions, the newest few), not every version the model ever had, and planned blessings are
/// still laid over the answer. A model that a plan does touch is read whole, so the plan shows through.
/// </summary>
public sealed class RehearsalReaderTests : IDisposable
{
    private readonly RegistryScenario _scenario = new();

    public void Dispose() => _scenario.Dispose();

    /// <summary>mnist v1 … v4, with v1 and v2 pruned; cifar c1 and c2.</summary>
    private ModelRegistry TwoModelsWithHistory()
    {
        for (var i = 1; i <= 4; i++)
        {
            _scenario.Push($"m{i}", name: $"v{i}");
        }

        _scenario.Push("c1", model: "cifar", name: "c1");
        _scenario.Push("c2", model: "cifar", name: "c2");
        using (var setup = _scenario.Open())
        {
            setup.Prune("mnist", 2, "history");
        }

        return _scenario.Open();
    }

    [Fact]
    public void Should_Answer_An_Untouched_Model_As_The_Store_Does_With_Planned_Blessings_Laid_Over()
    {
        using var registry = TwoModelsWithHistory();
        var rehearsal = registry.Rehearse();
        rehearsal.Prune(registry.PlanPrune("cifar", 1));
        rehearsal.Validate("mnist", "v4", Blessing.Rejected, "drift");
        using var stored = registry.OpenStoredRead();
        using var reader = registry.OpenRead();

        foreach (var query in new[] { VersionQuery.All, VersionQuery.Live, new VersionQuery(IncludePruned: false, Newest: 1), new VersionQuery(Newest: 3) })
        {
            Assert.Equal(Names(stored.Versions("mnist", query)), Names(reader.Versions("mnist", query)));
        }

        Assert.Equal(Blessing.Rejected, reader.Versions("mnist", VersionQuery.Live).Single(v => v.Name == "v4").Blessing);
        Assert.Equal(stored.CountVersions("mnist"), reader.CountVersions("mnist"));
        Assert.Equal(stored.VersionNames("mnist").Order(), reader.VersionNames("mnist").Order());
        var v3 = stored.FindVersion("mnist", "v3")!;
        Assert.Equal("v3", reader.FindVersionByDigest("mnist", v3.Digest)?.Name);
        Assert.Equal(Blessing.Rejected, reader.FindVersionByDigest("mnist", stored.FindVersion("mnist", "v4")!.Digest)?.Blessing);
    }

    [Fact]
    public void Should_Ask_The_Store_Only_The_Reads_Own_Query_For_An_Untouched_Model_And_Everything_For_A_Touched_One()
    {
        using var registry = TwoModelsWithHistory();
        var rehearsal = registry.Rehearse();
        rehearsal.Prune(registry.PlanPrune("cifar", 1));
        var asked = new List<(string Model, VersionQuery? Query)>();
        using var reader = new RehearsalReader(VersionsSpy.Wrap(registry.OpenStoredRead(), asked), rehearsal);

        var mnist = reader.Versions("mnist", VersionQuery.Live);
        reader.CountVersions("mnist");
        var cifar = reader.Versions("cifar", VersionQuery.Live);

        // mnist: the live query as asked, and nothing for the count (the store counts). cifar: all of it, overlaid.
        Assert.Equal([("mnist", VersionQuery.Live), ("cifar", VersionQuery.All)], asked);
        Assert.Equal(["v3", "v4"], Names(mnist));
        Assert.Equal(["c2"], Names(cifar));
    }

    [Fact]
    public void Should_Show_A_Planned_Push_And_A_Planned_Prune_In_Names_Counts_And_Digests()
    {
        using var registry = TwoModelsWithHistory();
        var rehearsal = registry.Rehearse();
        var request = _scenario.Request("m5") with { VersionName = "v5" };
        var planned = rehearsal.Push(new ReleaseManager(registry).PlanPush(request), request);
        rehearsal.Prune(registry.PlanPrune("mnist", 2));
        using var reader = registry.OpenRead();

        Assert.Equal(["v1", "v2", "v3", "v4", "v5"], reader.VersionNames("mnist").Order());
        Assert.Equal(["v4", "v5"], Names(reader.Versions("mnist", VersionQuery.Live)));
        Assert.Equal(new VersionCounts(2, 3), reader.CountVersions("mnist"));
        Assert.Equal("v5", reader.FindVersionByDigest("mnist", planned.Digest)?.Name);
    }

    private static string[] Names(IEnumerable<ModelVersion> versions) => [.. versions.Select(v => v.Name)];

    /// <summary>Forwards every read to a real store, recording each <c>Versions</c> call's model and query.</summary>
    public class VersionsSpy : DispatchProxy
    {
        private IMetadataReader _inner = null!;
        private List<(string, VersionQuery?)> _asked = null!;

        public static IMetadataReader Wrap(IMetadataReader inner, List<(string Model, VersionQuery? Query)> asked)
        {
            var proxy = Create<IMetadataReader, VersionsSpy>();
            var spy = (VersionsSpy)(object)proxy;
            spy._inner = inner;
            spy._asked = asked;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IMetadataReader.Versions))
            {
                _asked.Add(((string)args![0]!, (VersionQuery?)args[1]));
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
