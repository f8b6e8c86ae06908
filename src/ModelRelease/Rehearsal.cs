namespace ModelRelease;

/// <summary>
/// A dry run of several steps: what the steps planned so far would have left in the registry, kept in memory and laid
/// over every read of the store (<see cref="ModelRegistry.Rehearse"/>). A push's plan adds the version it would
/// create, a label step's plan moves its labels (and logs the move, so "previous stable" follows), a validation's
/// plan blesses, a prune's plan marks pruned. So Canary plans on the version Push would create, and Promote on the
/// canary Canary would set: a rehearsal fails where the real run would fail, and succeeds where it would succeed.
/// Nothing of it is ever written: the store and the serving root stay as they are.
/// </summary>
public sealed class Rehearsal
{
    private readonly Func<DateTimeOffset> _now;
    private readonly RunEnvironment _environment;
    private readonly List<ModelVersion> _added = [];
    private readonly Dictionary<(string Model, string Name), (Blessing Blessing, string? Reason)> _blessings = [];
    private readonly Dictionary<(string Model, string Name), DateTimeOffset> _pruned = [];
    private readonly Dictionary<(string Model, string Label), LabelAssignment?> _labels = [];
    private readonly List<RegistryEvent> _events = [];

    internal Rehearsal(Func<DateTimeOffset> now, RunEnvironment environment)
    {
        _now = now;
        _environment = environment;
    }

    /// <summary>True until a step has been planned into the rehearsal.</summary>
    public bool IsEmpty => _added.Count == 0 && _blessings.Count == 0 && _pruned.Count == 0 && _labels.Count == 0;

    /// <summary>
    /// Takes in a planned push: the version it would create (or the live version holding the same bytes, which a
    /// repeated push resolves to). Returns that version, as later steps will see it.
    /// </summary>
    public ModelVersion Push(PushPlan plan, PushRequest request)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        if (plan.Existing is { } existing)
        {
            return existing;
        }

        var now = _now();
        var version = new ModelVersion(
            PlannedId - _added.Count, plan.Model, plan.Name, plan.Number, plan.Digest, plan.Bytes, plan.Files, plan.Git, plan.Dataset,
            request.Hyperparameters, request.Metrics, now, _environment.Actor, _environment.Host, _environment.CiRunUrl,
            request.Blessing, request.BlessingReason, PrunedAt: null)
        { CiWorkflow = _environment.CiWorkflow, CiJob = _environment.CiJob };
        _added.Add(version);
        Log(plan.Model, EventKind.Push, null, null, plan.Name, request.Reason, now);
        return version;
    }

    /// <summary>Takes in a planned label step: its label moves, and their audit events.</summary>
    public void Apply(ReleaseStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var now = _now();
        foreach (var edit in step.Edits)
        {
            var from = step.Before.GetValueOrDefault(edit.Label);
            if (edit.Version is { } to)
            {
                // The serving number is the version's, looked up when the label is read (RehearsalReader.Labels).
                _labels[(step.Model, edit.Label)] = new LabelAssignment(step.Model, edit.Label, to, Number: 0, edit.Change.Weight, now);
            }
            else
            {
                _labels[(step.Model, edit.Label)] = null;
            }

            Log(step.Model, edit.Change.Kind, edit.Label, from, edit.Version, edit.Change.Reason, now);
        }
    }

    /// <summary>Takes in a planned validation: a pushed version's new blessing (a candidate's verdict goes with its push).</summary>
    public void Validate(string model, string? version, Blessing verdict, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (version is not null)
        {
            _blessings[(model, version)] = (verdict, reason);
        }

        Log(model, EventKind.Validation, null, null, version, verdict.ToString().ToLowerInvariant(), _now());
    }

    /// <summary>Takes in a planned prune: the versions it would remove are pruned from here on.</summary>
    public void Prune(PrunePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var now = _now();
        foreach (var version in plan.Removed)
        {
            _pruned[(plan.Model, version.Name)] = now;
            Log(plan.Model, EventKind.Prune, null, null, version.Name, null, now);
        }
    }

    // Planned rows get negative ids: no stored row has one, so nothing can mistake a planned version for a stored one.
    private const long PlannedId = -1;

    internal IEnumerable<ModelVersion> Added(string model) => _added.Where(v => v.Model == model);

    /// <summary>True when a planned push adds a version of <paramref name="model"/> or a planned prune removes one.</summary>
    internal bool ChangesVersionsOf(string model) => _added.Any(v => v.Model == model) || _pruned.Keys.Any(k => k.Model == model);

    internal IEnumerable<string> AddedModels => _added.Select(v => v.Model);

    internal ModelVersion Overlay(ModelVersion version)
    {
        var key = (version.Model, version.Name);
        if (_blessings.TryGetValue(key, out var blessing))
        {
            version = version with { Blessing = blessing.Blessing, BlessingReason = blessing.Reason };
        }

        return _pruned.TryGetValue(key, out var at) && version.PrunedAt is null ? version with { PrunedAt = at } : version;
    }

    internal IEnumerable<KeyValuePair<(string Model, string Label), LabelAssignment?>> LabelChanges => _labels;

    internal IEnumerable<RegistryEvent> Events => _events;

    private void Log(string model, EventKind kind, string? label, string? from, string? to, string? reason, DateTimeOffset at) =>
        _events.Add(new RegistryEvent(PlannedId - _events.Count, model, kind, label, from, to, _environment.Actor, _environment.Host, reason, null, at, null));
}
