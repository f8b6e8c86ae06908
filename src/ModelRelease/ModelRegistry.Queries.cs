using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// The registry's questions: versions, labels, the audit log and task runs, each read through the pair-checked (and,
/// in a rehearsal, overlaid) read. The changes are in ModelRegistry.cs, the root's upkeep in ModelRegistry.Root.cs.
/// </summary>
public sealed partial class ModelRegistry
{
    /// <summary>The version <paramref name="name"/> of <paramref name="model"/>; an unknown one is an error that lists the known ones.</summary>
    public ModelVersion Version(string model, string name)
    {
        RequireModelName(model);
        using var reader = OpenRead();
        return RegistryRules.RequireVersion(reader, model, name);
    }

    /// <summary>Every version of <paramref name="model"/>, pruned included, by serving number.</summary>
    public IReadOnlyList<ModelVersion> Versions(string model) => Versions(model, VersionQuery.All);

    /// <summary>The versions of <paramref name="model"/> that <paramref name="query"/> asks for, by serving number.</summary>
    public IReadOnlyList<ModelVersion> Versions(string model, VersionQuery query)
    {
        RequireModelName(model);
        using var reader = OpenRead();
        return reader.Versions(model, query);
    }

    /// <summary>
    /// <paramref name="model"/> (or every model when null) with its labels, the versions <paramref name="query"/> asks
    /// for and every labelled version besides, and its counts, all from one read. Only the rows shown are read, so a
    /// model with years of pruned history costs what it shows. An unknown model is an error that lists the known ones.
    /// </summary>
    public IReadOnlyList<ModelOverview> Overview(string? model, VersionQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var reader = OpenRead();
        if (model is not null)
        {
            RequireModelName(model);
            RegistryRules.RequireModel(reader, model);
        }

        return (model is null ? reader.Models() : [model]).Select(each =>
        {
            var labels = reader.Labels(each);
            var shown = reader.Versions(each, query);
            var labelled = labels.Where(l => shown.All(v => v.Name != l.Version)).Select(l => reader.FindVersion(each, l.Version)).OfType<ModelVersion>();
            var versions = shown.Concat(labelled).DistinctBy(v => v.Name).OrderBy(v => v.Number).ToList();
            return new ModelOverview(each, labels, versions, reader.CountVersions(each));
        }).ToList();
    }

    /// <summary>
    /// Refuses a model the store holds no version of: a mistyped --model, or a --root or --registry pointing at the
    /// wrong store, is never a model worth acting on (or reporting as having nothing to do).
    /// </summary>
    /// <exception cref="RegistryException">The model is unknown; the message lists the models there are.</exception>
    public void RequireModel(string model)
    {
        RequireModelName(model);
        using var reader = OpenRead();
        RegistryRules.RequireModel(reader, model);
    }

    /// <summary>The models in the registry.</summary>
    public IReadOnlyList<string> Models()
    {
        using var reader = OpenRead();
        return reader.Models();
    }

    /// <summary>Every label of <paramref name="model"/>.</summary>
    public IReadOnlyList<LabelAssignment> Labels(string model)
    {
        RequireModelName(model);
        using var reader = OpenRead();
        return reader.Labels(model);
    }

    /// <summary>The version <paramref name="label"/> points at, or null when it is not set.</summary>
    public ModelVersion? VersionAt(string model, string label)
    {
        RequireModelName(model);
        RegistryRules.RequireLabelName(label);
        using var reader = OpenRead();
        var assignment = reader.Labels(model).FirstOrDefault(l => l.Label == label);
        return assignment is null ? null : reader.FindVersion(model, assignment.Version);
    }

    /// <summary>The version <paramref name="label"/> points at; a label that is not set is an error that lists the labels that are.</summary>
    public ModelVersion ResolveLabel(string model, string label)
    {
        RequireModelName(model);
        RegistryRules.RequireLabelName(label);
        using var reader = OpenRead();
        var labels = reader.Labels(model);
        var assignment = labels.FirstOrDefault(l => l.Label == label);
        if (assignment is null)
        {
            var set = labels.Count == 0 ? "none" : string.Join(", ", labels.Select(l => $"{l.Label} → {l.Version}"));
            throw new RegistryException(
                $"Label '{label}' is not set on model '{model}' (labels set: {set}). Set it on a version first, or pick one of those.");
        }

        return reader.FindVersion(model, assignment.Version)!;
    }

    /// <summary>
    /// What stable pointed to before its last move, from the audit log: after promoting v1 then v2 it is v1;
    /// after rolling back to v1 it is v2. Not the next-lower version number. Null when stable never moved from anything.
    /// </summary>
    public ModelVersion? PreviousStable(string model)
    {
        RequireModelName(model);
        using var reader = OpenRead();
        return LabelLog.PreviousStable(reader, model);
    }

    /// <summary>Every move of one label, oldest first.</summary>
    public IReadOnlyList<RegistryEvent> LabelHistory(string model, string label)
    {
        RequireModelName(model);
        RegistryRules.RequireLabelName(label);
        using var reader = OpenRead();
        return reader.Events(new EventQuery(model, label));
    }

    /// <summary>The audit log, filtered.</summary>
    public IReadOnlyList<RegistryEvent> History(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var reader = OpenRead();
        return reader.Events(query);
    }

    /// <summary>The stored manifest of a version.</summary>
    public VersionManifest Manifest(string model, string version)
    {
        RequireModelName(model);
        using var reader = OpenRead();
        RegistryRules.RequireVersion(reader, model, version);
        return reader.Manifest(model, version)!;
    }

    /// <summary>Recorded task runs with the versions they read and wrote.</summary>
    public IReadOnlyList<ExecutionRecord> Executions(string? model = null)
    {
        using var reader = OpenRead();
        return reader.Executions(model);
    }
}
