using System.Globalization;
using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// Registers what a serving root holds in an empty store, for Adopt of an existing root into a new store (a lost
/// registry.db, a move to another backend): each version directory becomes a version with its manifest re-hashed from
/// its files, its serving number taken from the numeric view, and provenance recorded as unknown; each label link
/// becomes the label (canary with its routing.json weight). It reads the root and writes only the store.
/// </summary>
internal sealed class RootImporter(ModelRegistry registry)
{
    /// <summary>One version to register.</summary>
    public sealed record Found(string Model, string Name, string Directory, long Number);

    /// <summary>One label to set.</summary>
    public sealed record FoundLabel(string Model, string Label, string Version, int? Weight);

    /// <summary>What the root holds that can be registered: every version directory with a usable name, and every label link to one.</summary>
    public (IReadOnlyList<Found> Versions, IReadOnlyList<FoundLabel> Labels) Read()
    {
        var layout = registry.Layout;
        var versions = new List<Found>();
        var labels = new List<FoundLabel>();
        var weights = CanaryWeights(layout);
        foreach (var model in ModelDirectories(layout))
        {
            var numbers = ServingNumbers(layout, model);
            var next = Math.Max(numbers.Values.DefaultIfEmpty(0).Max() + 1, long.Parse(registry.Now().UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            var names = new DirectoryInfo(layout.VersionsDirectory(model)).EnumerateDirectories()
                .Where(d => d.LinkTarget is null && Names.VersionProblem(d.Name) is null)
                .Select(d => d.Name)
                .OrderBy(name => numbers.GetValueOrDefault(name, long.MaxValue))
                .ThenBy(name => name, StringComparer.Ordinal)
                .ToList();
            foreach (var name in names)
            {
                versions.Add(new Found(model, name, layout.VersionDirectory(model, name), numbers.TryGetValue(name, out var number) ? number : next++));
            }

            foreach (var entry in new DirectoryInfo(layout.ModelDirectory(model)).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (LabelNames.Problem(entry.Name) is null && Target(entry.FullName) is { } target
                    && target.StartsWith(ServingLayout.LabelTarget(""), StringComparison.Ordinal) && names.Contains(target[ServingLayout.LabelTarget("").Length..]))
                {
                    var version = target[ServingLayout.LabelTarget("").Length..];
                    labels.Add(new FoundLabel(model, entry.Name, version, entry.Name == LabelNames.Canary ? weights.GetValueOrDefault(model) ?? 10 : null));
                }
            }
        }

        return (versions, labels);
    }

    /// <summary>Registers what <see cref="Read"/> found, in the writer's transaction, with one audit event per version and label.</summary>
    public void Register(IMetadataWriter writer, IReadOnlyList<Found> versions, IReadOnlyList<FoundLabel> labels)
    {
        var now = registry.Now();
        var env = registry.Options.Environment;
        const string Reason = "registered from the serving root by Adopt: its provenance and metrics were not recorded";
        foreach (var found in versions)
        {
            var manifest = ArtifactScanner.Scan(found.Directory).Manifest;
            writer.InsertVersion(new VersionDraft(
                found.Model, found.Name, found.Number, manifest, GitProvenance.Unknown, DatasetVersion.Unknown,
                new Dictionary<string, string>(), new Dictionary<string, double>(), now, env.Actor, env.Host, env.CiRunUrl,
                Blessing.Unvalidated, Reason));
            writer.AppendEvent(registry.Event(found.Model, EventKind.Adopt, null, null, found.Name, Reason,
                JsonSerializer.Serialize(new { digest = manifest.Digest, number = found.Number, files = manifest.FileCount, bytes = manifest.TotalBytes }), now));
        }

        foreach (var label in labels)
        {
            writer.SetLabel(label.Model, label.Label, label.Version, label.Weight, now);
            writer.AppendEvent(registry.Event(label.Model, EventKind.Adopt, label.Label, null, label.Version, "label link found in the serving root by Adopt", null, now));
        }
    }

    /// <summary>The models the root holds: directories with a model's name and a <c>versions/</c> inside.</summary>
    public static IEnumerable<string> ModelDirectories(ServingLayout layout) => !Directory.Exists(layout.Root)
        ? []
        : new DirectoryInfo(layout.Root).EnumerateDirectories()
            .Where(d => d.LinkTarget is null && Names.ModelProblem(d.Name) is null && Posix.KindOf(Path.Combine(d.FullName, ServingLayout.VersionsDirectoryName)) == FileKind.Directory)
            .Select(d => d.Name)
            .Order(StringComparer.Ordinal);

    /// <summary>Version name → serving number, from the numeric view's links (a number pointing elsewhere is not used).</summary>
    private Dictionary<string, long> ServingNumbers(ServingLayout layout, string model)
    {
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        var serving = layout.ServingDirectory(model);
        if (!Directory.Exists(serving))
        {
            return numbers;
        }

        foreach (var entry in new DirectoryInfo(serving).EnumerateFileSystemInfos())
        {
            if (long.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && Target(entry.FullName) is { } target
                && target.StartsWith(ServingLayout.ServingTarget(""), StringComparison.Ordinal))
            {
                numbers.TryAdd(target[ServingLayout.ServingTarget("").Length..], number);
            }
        }

        return numbers;
    }

    private string? Target(string path)
    {
        try
        {
            return registry.Options.Links.TargetOf(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Each model's canary weight from routing.json, when it can be read.</summary>
    private static Dictionary<string, int?> CanaryWeights(ServingLayout layout)
    {
        var weights = new Dictionary<string, int?>(StringComparer.Ordinal);
        try
        {
            if (Posix.KindOf(layout.RoutingPath) != FileKind.Regular || new FileInfo(layout.RoutingPath).Length > 1024 * 1024)
            {
                return weights;
            }

            using var json = JsonDocument.Parse(File.ReadAllText(layout.RoutingPath));
            foreach (var model in json.RootElement.GetProperty("models").EnumerateObject())
            {
                if (model.Value.TryGetProperty(LabelNames.Canary, out var canary) && canary.TryGetProperty("weight", out var weight) && weight.TryGetInt32(out var value) && value is >= 1 and <= 99)
                {
                    weights[model.Name] = value;
                }
            }
        }
        catch (Exception error) when (error is JsonException or IOException or KeyNotFoundException or InvalidOperationException)
        {
            // A routing.json that cannot be read leaves the canary at the default weight; Adopt says so.
        }

        return weights;
    }
}
