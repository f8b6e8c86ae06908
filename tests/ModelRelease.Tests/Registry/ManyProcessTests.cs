using System.Diagnostics;
using System.Globalization;
using ModelRelease.Tests.Probe;
using Xunit.Abstractions;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// Thirty-two real processes pushing and moving a label at once, as many CI agents sharing one store would: on
/// PostgreSQL from two serving roots (two schemas of one database, sixteen processes each), on SQLite in one root.
/// Afterwards nothing is lost or duplicated, each audit chain is unbroken, and Verify is clean. The wall time of the
/// run is printed for the figures the issue asks for, never asserted.
/// </summary>
public abstract class ManyProcessTests(StoreKind kind, ITestOutputHelper output) : IDisposable
{
    private const int Processes = 32;

    private readonly List<RegistryScenario> _roots = [];

    public void Dispose()
    {
        _roots.ForEach(r => r.Dispose());
        GC.SuppressFinalize(this);
    }

    /// <summary>The roots the processes share the store from: PostgreSQL gives a second root in its own schema.</summary>
    private List<RegistryScenario> Roots()
    {
        var first = new RegistryScenario(kind);
        _roots.Add(first);
        if (kind == StoreKind.Postgres)
        {
            _roots.Add(first.BesideInSchema("second_root"));
        }

        return _roots;
    }

    [Fact]
    public async Task Should_Lose_Nothing_And_Keep_Every_Audit_Chain_When_32_Processes_Push_And_Move_Labels()
    {
        // Given each root with two versions and golden on the first
        var roots = Roots();
        var seeded = roots.Select(root =>
        {
            var v = new[] { root.Push("seed-a"), root.Push("seed-b") };
            using var setup = root.Open();
            setup.SetLabel("mnist", LabelNames.Golden, v[0].Name);
            return v;
        }).ToList();

        // When 32 processes start at once, spread over the roots, half pushing a new artifact, half moving golden
        var perRoot = Processes / roots.Count;
        var jobs = new List<(int Root, bool Push, ProbeProcess Probe)>();
        var artifacts = roots.Select(root => Enumerable.Range(0, perRoot).Select(i => root.Artifact($"job-{i}")).ToList()).ToList();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < perRoot; i++)
        {
            for (var r = 0; r < roots.Count; r++)
            {
                var push = i % 2 == 0;
                jobs.Add((r, push, push
                    ? roots[r].Probe("push", roots[r].Root, "mnist", artifacts[r][i])
                    : roots[r].Probe("label", roots[r].Root, "mnist", LabelNames.Golden, seeded[r][i / 2 % 2].Name)));
            }
        }

        var results = await Task.WhenAll(jobs.Select(j => j.Probe.ExitAsync()));
        clock.Stop();
        jobs.ForEach(j => j.Probe.Dispose());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: {Processes} processes ({Processes / 2} pushes, {Processes / 2} label moves) on {roots.Count} serving root(s) of one store: {clock.Elapsed.TotalSeconds:0.00} s wall time"));

        // Then every process succeeded
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        for (var r = 0; r < roots.Count; r++)
        {
            var root = roots[r];
            var printed = jobs.Select((j, i) => (j, results[i])).Where(x => x.j.Root == r && x.j.Push).Select(x => x.Item2.Stdout.Trim().Split(' ')).ToList();
            using var registry = root.Open();
            var versions = registry.Versions("mnist");

            // And no pushed version is lost: each is in the store under the number it printed, and on disk
            foreach (var pushed in printed)
            {
                var version = Assert.Single(versions, v => v.Name == pushed[0]);
                Assert.Equal(pushed[1], version.Number.ToString(CultureInfo.InvariantCulture));
                Assert.True(File.Exists(Path.Combine(root.Layout.VersionDirectory("mnist", version.Name), "saved_model.pb")), version.Name);
            }

            // And no name or number is taken twice, and nothing else appeared
            Assert.Equal(2 + printed.Count, versions.Count);
            Assert.Equal(versions.Count, versions.Select(v => v.Name).Distinct().Count());
            Assert.Equal(versions.Count, versions.Select(v => v.Number).Distinct().Count());
            Assert.Equal(versions.Count, registry.History(new EventQuery("mnist", Kinds: [EventKind.Push])).Count);

            // And golden's audit chain is unbroken and ends where its link points
            var history = registry.LabelHistory("mnist", LabelNames.Golden);
            Assert.Null(history[0].FromVersion);
            for (var i = 1; i < history.Count; i++)
            {
                Assert.Equal(history[i - 1].ToVersion, history[i].FromVersion);
            }

            var golden = registry.VersionAt("mnist", LabelNames.Golden)!;
            Assert.Equal(golden.Name, history[^1].ToVersion);
            Assert.Equal($"versions/{golden.Name}", root.LinkTarget(root.Layout.LabelPath("mnist", LabelNames.Golden)));

            // And root and store agree
            var verify = registry.Verify();
            Assert.True(verify.IsClean, string.Join(Environment.NewLine, verify.Findings.Select(f => $"{f.Kind} {f.Path}: {f.Problem}")));
            Assert.Empty(root.Disagreements("mnist"));
        }
    }
}
