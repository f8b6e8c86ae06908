using System.Text;

namespace ModelRelease.Benchmarks;

/// <summary>Temp serving roots and registries with a known shape: pushes through ModelRegistry, bulk history through the store writer.</summary>
internal static class BenchFixture
{
    public const string Model = "bench-model";

    /// <summary>Fixed provenance, so a push never opens a git repository.</summary>
    public static GitProvenance Git { get; } = new(
        "0123456789abcdef0123456789abcdef01234567", "main", false, false, null, null, GitProvenanceSource.Repository);

    public static RegistryOptions Options() => new() { Warn = _ => { } };

    public static string NewTempDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelrelease-bench-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Delete(string? path)
    {
        if (path is not null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    public static PushRequest Request(string artifact) =>
        new(Model, artifact) { Git = Git, DatasetVersion = "bench-dataset-1" };

    /// <summary>Pushes <paramref name="count"/> tiny SavedModel-like versions, each with different bytes; returns their names in push order.</summary>
    public static List<string> PushTinyVersions(ModelRegistry registry, int count, string scratch)
    {
        var artifact = Path.Combine(scratch, "tiny-artifact");
        Directory.CreateDirectory(Path.Combine(artifact, "variables"));
        File.WriteAllBytes(Path.Combine(artifact, "variables", "variables.index"), new byte[4096]);
        var names = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(artifact, "saved_model.pb"), $"tiny model {i} {Guid.NewGuid():N}", Encoding.UTF8);
            names.Add(registry.Push(Request(artifact)).Version.Name);
        }

        return names;
    }

    /// <summary>
    /// Writes <paramref name="moves"/> stable-label moves cycling through <paramref name="versions"/> as the same rows
    /// SetLabel writes (label row + audit event), in one transaction, then syncs the serving directory. Seeding this
    /// way takes a second instead of one fsync-heavy change per event; the benchmarks then measure the real API.
    /// </summary>
    public static void SeedStableMoves(ModelRegistry registry, IReadOnlyList<string> versions, int moves)
    {
        var env = registry.Options.Environment;
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        string? current = null;
        using (var writer = registry.Store.Write())
        {
            for (var i = 0; i < moves; i++)
            {
                var to = versions[i % versions.Count];
                if (to == current)
                {
                    to = versions[(i + 1) % versions.Count];
                }

                at = at.AddSeconds(1);
                writer.SetLabel(Model, LabelNames.Stable, to, null, at);
                var kind = (i % 10) switch { 0 => EventKind.Rollback, 1 => EventKind.Promote, _ => EventKind.LabelMove };
                writer.AppendEvent(new EventDraft(Model, kind, LabelNames.Stable, current, to, env.Actor, env.Host, "seed", null, at, null));
                current = to;
            }

            writer.Commit();
        }

        registry.Sync();
    }
}
