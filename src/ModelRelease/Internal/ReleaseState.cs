namespace ModelRelease.Internal;

/// <summary>
/// One consistent read of a model's versions and labels, taken when a release step is planned. The labels it saw
/// become the step's preconditions, so applying the step later refuses if another job moved one meanwhile.
/// </summary>
internal sealed class ReleaseState
{
    private readonly Dictionary<string, LabelAssignment> _labels;
    private readonly Dictionary<string, ModelVersion> _byName;

    // Every label the planner looked at through At: its decision rests on them (stable for a canary, golden for a
    // rollback to golden, "no canary" for a promotion), so each one is a precondition of the step.
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public ReleaseState(IMetadataReader reader, string model)
    {
        Model = model;
        Versions = reader.Versions(model);
        if (Versions.Count == 0)
        {
            var models = reader.Models();
            throw new RegistryException(models.Count == 0
                ? $"Model '{model}' has no versions, and the registry is empty. Push one first: --target=Push --model={model} --artifact=<dir> --metrics=<json>."
                : $"Model '{model}' has no versions. Models in this registry: {string.Join(", ", models)}. Check --model, or push one first.");
        }

        _labels = reader.Labels(model).ToDictionary(l => l.Label, StringComparer.Ordinal);
        _byName = Versions.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    public string Model { get; }

    /// <summary>Every version, pruned included, by serving number.</summary>
    public IReadOnlyList<ModelVersion> Versions { get; }

    /// <summary>Unpruned versions, by serving number.</summary>
    public IEnumerable<ModelVersion> Live => Versions.Where(v => !v.IsPruned);

    public ModelVersion? At(string label)
    {
        _read.Add(label);
        return Peek(label);
    }

    /// <summary>
    /// Where <paramref name="label"/> points, without making it a precondition: for a step that sets a label to a
    /// version whatever it pointed at, so two jobs setting it at once both succeed and the log records each real move.
    /// </summary>
    public ModelVersion? Peek(string label) =>
        _labels.TryGetValue(label, out var assignment) ? _byName.GetValueOrDefault(assignment.Version) : null;

    public int? Weight(string label)
    {
        _read.Add(label);
        return _labels.TryGetValue(label, out var assignment) ? assignment.Weight : null;
    }

    public ModelVersion Require(string name)
    {
        RegistryRules.RequireVersionName(name);
        return _byName.GetValueOrDefault(name) ?? throw new RegistryException(
            $"Model '{Model}' has no version '{name}'. Known versions, newest first: {string.Join(", ", Versions.Reverse().Take(10).Select(v => v.Name))}{(Versions.Count > 10 ? ", …" : "")}.");
    }

    /// <summary>Refuses a pruned version: its files are gone, so <paramref name="consequence"/>.</summary>
    public void RequireLive(ModelVersion version, string consequence)
    {
        if (version.IsPruned)
        {
            throw new RegistryException(
                $"Version '{version.Name}' of model '{Model}' was pruned on {ReleaseText.Time(version.PrunedAt!.Value)}; its files are gone, so {consequence}. Pick a live version: {LiveList()}.");
        }
    }

    /// <summary>Live version names, newest first, for "pick one of these" messages.</summary>
    public string LiveList() => string.Join(", ", Live.Reverse().Take(10).Select(v => v.Name));

    /// <summary>A step whose preconditions are the labels read (through <see cref="At"/>) while planning it.</summary>
    public ReleaseStep Step(string summary, IReadOnlyList<LabelEdit> edits, IReadOnlyList<string> notes)
    {
        var expectations = _read.Order(StringComparer.Ordinal).Select(label => new LabelExpectation(label, _labels.GetValueOrDefault(label)?.Version)).ToList();
        var before = edits.ToDictionary(e => e.Label, e => _labels.GetValueOrDefault(e.Label)?.Version, StringComparer.Ordinal);
        return new ReleaseStep(Model, summary, edits, expectations, notes) { Before = before };
    }
}
