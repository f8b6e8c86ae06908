using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelRelease.Benchmarks.Scale;

/// <summary>
/// Grows a serving root and its SQLite store to the shape of a registry that has lived for years: many models, each
/// with a long history of versions (all but the newest pruned: rows without files, as Prune leaves them) and a large
/// audit log, plus a few live versions per model pushed and labelled through the real API, so the root, its links,
/// its configs and its marker are exactly what ModelRelease would have made. The bulk rows go through the store's own
/// writer in large transactions (seconds, not one fsync-heavy change per row); the benchmarks then time real commands.
/// </summary>
internal static class RegistryGrower
{
    /// <summary>Live versions pushed per model through the API: two for stable's history, the newest as stable.</summary>
    private const int LiveVersions = 3;

    public static void Grow(string root, int models, int versionsPerModel, long events, Action<string> log)
    {
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new InvalidOperationException($"{root} is not empty; grow a registry in a new directory.");
        }

        var clock = Stopwatch.StartNew();
        var scratch = BenchFixture.NewTempDirectory("grow");
        try
        {
            using var registry = ModelRegistry.Open(root, options: BenchFixture.Options());
            var names = Enumerable.Range(0, models).Select(i => $"model-{i:D3}").ToList();
            var artifact = Path.Combine(scratch, "artifact");
            Directory.CreateDirectory(Path.Combine(artifact, "variables"));
            File.WriteAllBytes(Path.Combine(artifact, "variables", "variables.index"), new byte[4096]);
            // The live versions first, through the real API (push, then stable), while the store is still small: it
            // binds the root and the store, and writes every link, config and marker as a release would. The bulk
            // history then goes in below them (the store does not ask older serving numbers to come first).
            foreach (var model in names)
            {
                for (var i = 0; i < LiveVersions; i++)
                {
                    PushLive(registry, model, i, artifact);
                }
            }

            log($"{models * LiveVersions} live versions pushed and labelled in {clock.Elapsed.TotalSeconds:0.0} s");
            var history = versionsPerModel - LiveVersions;
            var at = DateTimeOffset.UtcNow.AddDays(-400);
            var step = TimeSpan.FromSeconds(400.0 * 86400 / Math.Max(1, history));
            var env = registry.Options.Environment;
            foreach (var model in names)
            {
                using var writer = registry.Store.Write();
                for (var i = 0; i < history; i++)
                {
                    var when = at + step * i;
                    var name = $"v-{when:yyyyMMdd-HHmmss}-{i:D4}";
                    writer.InsertVersion(Draft(model, name, 20200101000000 + i, when, env));
                    writer.MarkPruned(model, name, when.AddDays(30));
                }

                writer.Commit();
            }

            log($"{models} models × {history} pruned versions at {clock.Elapsed.TotalSeconds:0.0} s");
            AppendEvents(registry, names, events, at, log);
            log($"grown in {clock.Elapsed.TotalSeconds:0.0} s: {root}");
        }
        finally
        {
            BenchFixture.Delete(scratch);
        }
    }

    /// <summary>Pushes live version <paramref name="index"/> of <paramref name="model"/> with bytes of its own and makes it stable.</summary>
    private static void PushLive(ModelRegistry registry, string model, int index, string artifact)
    {
        File.WriteAllText(Path.Combine(artifact, "saved_model.pb"), $"{model} live {index} {Guid.NewGuid():N}", Encoding.UTF8);
        var version = registry.Push(new PushRequest(model, artifact) { Git = BenchFixture.Git, DatasetVersion = "bench-dataset-1", VersionName = $"live-{index}" }).Version.Name;
        registry.SetLabel(model, LabelNames.Stable, version);
    }

    /// <summary>
    /// Label moves and pushes spread over the models and the past year, as the audit log of a busy registry reads.
    /// They are appended after the live versions' own events, so each model's stable moves cycle through its live
    /// versions and end on live-1 → live-2: the newest stable move by id then agrees with the labels, and
    /// Rollback --to=previous finds live-1 as it would after a real history.
    /// </summary>
    private static void AppendEvents(ModelRegistry registry, IReadOnlyList<string> models, long events, DateTimeOffset from, Action<string> log)
    {
        var env = registry.Options.Environment;
        var step = TimeSpan.FromSeconds(365.0 * 86400 / Math.Max(1, events));
        var perModel = events / models.Count;
        // Stable moves of model m's k-th event go live[(k + offset) % 3] → live[(k + offset + 1) % 3], ending on 1 → 2.
        var offset = (int)(((1 - (perModel - 1)) % LiveVersions + LiveVersions) % LiveVersions);
        const int batch = 50_000;
        for (long done = 0; done < events;)
        {
            using var writer = registry.Store.Write();
            for (var i = 0; i < batch && done < events; i++, done++)
            {
                var model = models[(int)(done % models.Count)];
                var k = done / models.Count;
                var kind = (k % 10) switch { 0 => EventKind.Rollback, 1 => EventKind.Promote, _ => EventKind.LabelMove };
                var fromVersion = $"live-{(k + offset) % LiveVersions}";
                var toVersion = $"live-{(k + offset + 1) % LiveVersions}";
                writer.AppendEvent(new EventDraft(model, kind, LabelNames.Stable, fromVersion, toVersion, env.Actor, env.Host, "grown history", null, from + step * done, null));
            }

            writer.Commit();
            log($"  {done:N0} events");
        }
    }

    private static VersionDraft Draft(string model, string name, long number, DateTimeOffset when, RunEnvironment env)
    {
        var bytes = Encoding.UTF8.GetBytes($"{model}/{name}");
        var manifest = VersionManifest.FromEntries([new ManifestEntry("saved_model.pb", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)))]);
        return new VersionDraft(
            model, name, number, manifest, BenchFixture.Git, new DatasetVersion("bench-dataset-1", DatasetVersionSource.Given),
            new Dictionary<string, string> { ["learning_rate"] = "0.001" },
            new Dictionary<string, double> { ["accuracy"] = 0.9 + (number % 100) / 10_000.0, ["latency_p99_ms"] = 40 },
            when, env.Actor, env.Host, null, Blessing.Blessed, null);
    }

    public static string Describe(int models, int versions, long events) =>
        string.Create(CultureInfo.InvariantCulture, $"{models} models × {versions} versions, {events:N0} events");
}
