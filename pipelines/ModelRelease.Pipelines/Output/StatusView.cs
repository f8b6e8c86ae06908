using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace ModelRelease.Pipelines.Output;

/// <summary>Status: per model, the newest live versions (or every one) with their provenance, key metrics, blessing, labels and traffic; as tables or JSON.</summary>
public static class StatusView
{
    /// <summary>How many metrics a table row shows; JSON has them all.</summary>
    private const int KeyMetrics = 4;

    /// <summary>
    /// Reads the status of <paramref name="model"/>, or of every model when null: the versions <paramref name="query"/>
    /// asks for (default: every one) and every labelled one. An unknown model is an error listing the known ones.
    /// </summary>
    public static IReadOnlyList<ModelStatus> Read(ModelRegistry registry, string? model, VersionQuery? query = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var models = registry.Models();
        if (model is not null && !models.Contains(model, StringComparer.Ordinal))
        {
            throw new RegistryException(models.Count == 0
                ? $"The registry at {registry.Store.Location} is empty, so it has no model '{model}'. Push a version first, or check --root/--registry."
                : $"The registry has no model '{model}'. Models: {string.Join(", ", models)}.");
        }

        return registry.Overview(model, query ?? VersionQuery.All)
            .Select(m => new ModelStatus(m.Model, m.Labels, m.Versions, m.Counts) { Images = registry.Images(m.Model) })
            .ToList();
    }

    /// <summary>
    /// Prints <paramref name="models"/> as one table per model, or as one JSON document; <paramref name="location"/>,
    /// the store read, is named when it holds no model, as a wrong --root is the likely cause.
    /// </summary>
    public static void Print(IAnsiConsole console, IReadOnlyList<ModelStatus> models, bool json, string? location = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(models);
        if (json)
        {
            // Written past Spectre, which would wrap long lines at the console width.
            JsonOutput.WriteDocument(console.Profile.Out.Writer, "models", models.Select(Json));
            return;
        }

        if (models.Count == 0)
        {
            if (location is null)
            {
                console.MarkupLine("The registry is empty: no model has a version yet.");
            }
            else
            {
                console.MarkupLineInterpolated($"The registry at {DisplayText.Escape(location)} is empty: no model has a version yet. Push a version first, or check --root/--registry.");
            }
            return;
        }

        foreach (var model in models)
        {
            console.Write(Table(model));
            var stable = model.Labels.FirstOrDefault(l => l.Label == LabelNames.Stable);
            var canary = model.Labels.FirstOrDefault(l => l.Label == LabelNames.Canary);
            var traffic = stable is null
                ? "no stable version: serves nothing"
                : canary is null ? $"stable {stable.Version} 100%" : $"stable {stable.Version} {100 - model.CanaryWeight}%, canary {canary.Version} {model.CanaryWeight}%";
            console.MarkupLineInterpolated($"  traffic: {DisplayText.Escape(traffic)}; labels: {Labels.Describe(model.Labels)}");
            if (model.Hidden > 0)
            {
                console.MarkupLineInterpolated($"  {model.Hidden} older or pruned {(model.Hidden == 1 ? "version is" : "versions are")} not shown: --limit=N shows more, --all shows pruned ones too.");
            }
        }
    }

    private static Table Table(ModelStatus model)
    {
        var table = new Table().Title($"{MarkupText.Of(model.Model)}: {model.Counts.Live} live, {model.Counts.Pruned} pruned")
            .AddColumn("version").AddColumn("number").AddColumn("created (UTC)").AddColumn("commit").AddColumn("dataset")
            .AddColumn("metrics").AddColumn("blessing").AddColumn("labels");
        foreach (var version in model.Versions.Reverse())
        {
            var labels = string.Join(", ", model.LabelsOf(version.Name).Select(l => l.Weight is { } w ? $"{l.Label} {w}%" : l.Label));
            var name = version.IsPruned ? $"[grey]{MarkupText.Of(version.Name)} (pruned)[/]" : MarkupText.Of(version.Name);
            table.AddRow(
                name,
                version.Number.ToString(CultureInfo.InvariantCulture),
                ReleaseText.Time(version.CreatedAt).TrimEnd('Z'),
                MarkupText.Of(ReleaseText.ShortCommit(version.Git)),
                MarkupText.Of(version.Dataset.Value),
                MarkupText.Of(string.Join(" ", version.Metrics.OrderBy(m => m.Key, StringComparer.Ordinal).Take(KeyMetrics).Select(m => $"{m.Key}={ReleaseText.Number(m.Value)}"))),
                Markup.Escape(version.Blessing.ToString().ToLowerInvariant()),
                labels.Length == 0 ? "" : $"[bold]{MarkupText.Of(labels)}[/]");
        }

        return table;
    }

    private static object Json(ModelStatus model) => new
    {
        model = model.Model,
        labels = Labels.Ordered(model.Labels).ToDictionary(l => l.Label, l => new { version = l.Version, number = l.Number, weight = l.Weight, updatedAt = l.UpdatedAt }),
        traffic = model.Labels.Any(l => l.Label == LabelNames.Stable)
            ? new Dictionary<string, int> { [LabelNames.Stable] = 100 - model.CanaryWeight, [LabelNames.Canary] = model.CanaryWeight }
            : new Dictionary<string, int>(),
        versionCounts = new { live = model.Counts.Live, pruned = model.Counts.Pruned, shown = model.Versions.Count },
        versions = model.Versions.Reverse().Select(v => new
        {
            name = v.Name,
            number = v.Number,
            createdAt = v.CreatedAt,
            actor = v.Actor,
            host = v.Host,
            ciRunUrl = v.CiRunUrl,
            ciWorkflow = v.CiWorkflow,
            ciJob = v.CiJob,
            digest = v.Digest,
            bytes = v.TotalBytes,
            files = v.FileCount,
            git = new { commit = v.Git.Commit, branch = v.Git.Branch, dirty = v.Git.IsDirty, detached = v.Git.IsDetached, remote = v.Git.RemoteUrl, tag = v.Git.Tag, source = v.Git.Source.ToString() },
            dataset = new { version = v.Dataset.Value, source = v.Dataset.Source.ToString() },
            hyperparameters = v.Hyperparameters,
            metrics = v.Metrics,
            blessing = v.Blessing.ToString().ToLowerInvariant(),
            blessingReason = v.BlessingReason,
            labels = model.LabelsOf(v.Name).Select(l => l.Label).ToList(),
            pruned = v.IsPruned,
            prunedAt = v.PrunedAt,
            images = model.Images.Where(i => i.Version == v.Name).Select(i => new { repository = i.Repository, tags = i.Tags, digest = i.Digest, reference = i.Reference, pushedAt = i.PushedAt }),
        }),
    };
}
