namespace ModelRelease.Internal;

/// <summary>
/// One consistent read of a model's versions and labels, taken when a release step is planned. The labels it saw
/// become the step's preconditions, so applying the step later refuses if another job moved one meanwhile.
/// </summary>
internal sealed class ReleaseState
{
    private readonly Dictionary<string, LabelAssignment> _labels;
    private readonly Dictionary<string, ModelVersion> _byName;

    // Why each requested name that is not in the store cannot be found, worded as any other lookup words it.
    private readonly Dictionary<string, string> _unknown = new(StringComparer.Ordinal);

    // Every label the planner looked at through At: its decision rests on them (stable for a canary, golden for a
    // rollback to golden, "no canary" for a promotion), so each one is a precondition of the step.
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the model's live versions and labels, and the version named <paramref name="requested"/> (the step's
    /// --version or --to) and those the labels name, pruned or not, all in <paramref name="reader"/>'s one snapshot.
    /// Other pruned versions are not read: a model with years of history has thousands, and a step costs what it changes.
    /// </summary>
    /// <param name="reader">The read the state is taken in.</param>
    /// <param name="model">The model.</param>
    /// <param name="requested">The version the step names, or null.</param>
    /// <param name="readPreviousStable">Also read <see cref="PreviousStable"/> (a rollback's default target) in the same snapshot.</param>
    public ReleaseState(IMetadataReader reader, string model, string? requested, bool readPreviousStable = false)
    {
        Model = model;
        Live = reader.Versions(model, VersionQuery.Live);
        if (Live.Count == 0 && reader.CountVersions(model).Total == 0)
        {
            var models = reader.Models();
            throw new RegistryException(models.Count == 0
                ? $"Model '{model}' has no versions, and the registry is empty. Push one first: --target=Push --model={model} --artifact=<dir> --metrics=<json>."
                : $"Model '{model}' has no versions. Models in this registry: {string.Join(", ", models)}. Check --model, or push one first.");
        }

        _labels = reader.Labels(model).ToDictionary(l => l.Label, StringComparer.Ordinal);
        _byName = Live.ToDictionary(v => v.Name, StringComparer.Ordinal);
        foreach (var name in _labels.Values.Select(l => l.Version).Prepend(requested))
        {
            if (name is null || _byName.ContainsKey(name) || _unknown.ContainsKey(name))
            {
                continue;
            }

            // Not live: pruned (Require names it so), or not there at all (Require says why, from this snapshot).
            if (reader.FindVersion(model, name) is { } found)
            {
                _byName[name] = found;
            }
            else
            {
                _unknown[name] = RegistryRules.UnknownVersion(reader, model, name);
            }
        }

        PreviousStable = readPreviousStable ? LabelLog.PreviousStable(reader, model) : null;
    }

    /// <summary>What stable pointed to before its last move (pruned or not), when asked for; see <see cref="LabelLog.PreviousStable"/>.</summary>
    public ModelVersion? PreviousStable { get; }

    public string Model { get; }

    /// <summary>Unpruned versions, by serving number.</summary>
    public IReadOnlyList<ModelVersion> Live { get; }

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

    /// <summary>The version named <paramref name="name"/>, which the state was read for (live, or pruned and read by name).</summary>
    public ModelVersion Require(string name)
    {
        RegistryRules.RequireVersionName(name);
        if (_byName.TryGetValue(name, out var version))
        {
            return version;
        }

        if (_unknown.TryGetValue(name, out var why))
        {
            throw new RegistryException(why);
        }

        // Only the live versions and the requested names were read; anything else would be a guess.
        throw new InvalidOperationException($"Version '{name}' was not among the names this release state was read for.");
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
