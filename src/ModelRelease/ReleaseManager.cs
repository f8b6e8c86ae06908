using System.Text.Json;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// The release steps over a registry: canary, promote, rollback and label moves, each planned on a read (a dry run
/// prints the plan) and applied as one guarded label change; push plans; and candidate validation against the
/// current stable version. It holds the release rules (what may go to canary, what rollback means); the registry
/// holds the storage rules.
/// </summary>
public sealed class ReleaseManager(ModelRegistry registry)
{
    /// <summary>The target word for "what stable pointed to before its last move".</summary>
    public const string Previous = "previous";

    /// <summary>The registry the steps change.</summary>
    public ModelRegistry Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>
    /// Plans pointing canary at <paramref name="version"/> (default: the newest blessed version that is not stable)
    /// with <paramref name="weight"/>% of traffic. Refused without a stable version to compare with, and for a version
    /// that validation did not bless.
    /// </summary>
    public ReleaseStep PlanCanary(string model, string? version, int weight, string? reason = null)
    {
        RegistryRules.RequireWeight(LabelNames.Canary, weight);
        var state = Read(model, version);
        var stable = state.At(LabelNames.Stable) ?? throw new RegistryException(
            $"Model '{model}' has no stable version yet, so a canary has nothing to be compared with. Promote the first version instead: " +
            $"--target=Promote --model={model} --version={(version ?? state.Live.LastOrDefault(v => v.Blessing is Blessing.Blessed or Blessing.Skipped)?.Name ?? "<a validated version>")}.");
        var target = version is null
            ? state.Live.LastOrDefault(v => v.Blessing is Blessing.Blessed && v.Name != stable.Name && v.Number > stable.Number)
                ?? throw new RegistryException(
                    $"Model '{model}' has no blessed version newer than stable {stable.Name} to canary. Push and validate one, or name one with --version.")
            : state.Require(version);
        if (target.Name == stable.Name)
        {
            throw new RegistryException($"Version '{target.Name}' is already stable for model '{model}'; a canary tries a different version against it. Name another --version.");
        }

        state.RequireLive(target, "it cannot become canary");
        var notes = RequireServable(target, "canary");
        var current = state.At(LabelNames.Canary);
        if (current?.Name == target.Name && state.Weight(LabelNames.Canary) == weight)
        {
            return state.Step($"canary already at {target.Name} with {weight}% of traffic; nothing to do", [], notes);
        }

        var edit = LabelEdit.Set(LabelNames.Canary, target.Name, new LabelChange(reason, weight));
        var summary = current is null || current.Name == target.Name
            ? $"canary {target.Name} at {weight}% of traffic against stable {stable.Name}"
            : $"canary {target.Name} at {weight}% of traffic against stable {stable.Name} (replaces canary {current.Name})";
        return state.Step(summary, [edit], notes);
    }

    /// <summary>
    /// Plans moving stable to <paramref name="version"/>, or to the canary version when null; the canary is cleared
    /// in the same change, so traffic never sits half moved.
    /// </summary>
    public ReleaseStep PlanPromote(string model, string? version, string? reason = null)
    {
        var state = Read(model, version);
        var canary = state.At(LabelNames.Canary);
        var target = version is null
            ? canary ?? throw new RegistryException(
                $"Model '{model}' has no canary in progress, so there is nothing to promote. Canary a version first, or name one with --version" +
                (state.Live.LastOrDefault() is { } newest ? $" (newest: {newest.Name})." : "."))
            : state.Require(version);
        state.RequireLive(target, "it cannot become stable");
        var notes = RequireServable(target, "stable");
        var stable = state.At(LabelNames.Stable);
        var edits = new List<LabelEdit>();
        if (stable?.Name != target.Name)
        {
            edits.Add(LabelEdit.Set(LabelNames.Stable, target.Name, new LabelChange(reason, Kind: EventKind.Promote)));
        }

        if (canary is not null)
        {
            edits.Add(LabelEdit.Clear(LabelNames.Canary, new LabelChange(reason, Kind: EventKind.Promote)));
        }

        var summary = edits.Count == 0
            ? $"{target.Name} is already stable and no canary is in progress; nothing to do"
            : $"promote {target.Name} to stable (was {stable?.Name ?? "unset"})" + (canary is null ? "" : $"; clear canary (was {canary.Name})");
        return state.Step(summary, edits, notes);
    }

    /// <summary>
    /// Plans a rollback. With a canary in progress and no <paramref name="to"/>, the canary is aborted: canary cleared,
    /// stable untouched. Otherwise stable moves to <paramref name="to"/>: <see cref="Previous"/> (the default),
    /// <see cref="LabelNames.Golden"/>, or a version name; a canary in progress is cleared too, since it was being
    /// compared with the stable version that is leaving.
    /// </summary>
    public ReleaseStep PlanRollback(string model, string? to, string? reason = null)
    {
        // "previous" and "golden" are words, not version names (no version may be called either).
        var state = Read(model, to is null or Previous or LabelNames.Golden ? null : to, readPreviousStable: to is null or Previous);
        var canary = state.At(LabelNames.Canary);
        var change = new LabelChange(reason, Kind: EventKind.Rollback);
        if (to is null && canary is not null)
        {
            return state.Step($"abort canary {canary.Name} (its traffic goes back to stable {state.At(LabelNames.Stable)?.Name ?? "unset"}); stable untouched",
                [LabelEdit.Clear(LabelNames.Canary, change)], []);
        }

        var stable = state.At(LabelNames.Stable) ?? throw new RegistryException(
            $"Model '{model}' has no stable version, so there is nothing to roll back. Promote a version first: --target=Promote --model={model} --version=<name>.");
        var target = (to ?? Previous) switch
        {
            Previous => state.PreviousStable ?? throw new RegistryException(
                $"Stable of model '{model}' has never moved from another version, so there is no previous version to roll back to. Name one with --to=<version> or --to=golden."),
            LabelNames.Golden => state.At(LabelNames.Golden) ?? throw new RegistryException(
                $"Model '{model}' has no golden version. Mark one first (--target=Label --label=golden --version=<name>), or roll back with --to=previous or --to=<version>."),
            var name => state.Require(name),
        };
        state.RequireLive(target, "stable cannot roll back to it");

        var edits = new List<LabelEdit>();
        if (target.Name != stable.Name)
        {
            edits.Add(LabelEdit.Set(LabelNames.Stable, target.Name, change));
        }

        if (canary is not null)
        {
            edits.Add(LabelEdit.Clear(LabelNames.Canary, change));
        }

        var notes = target.Blessing is Blessing.Rejected or Blessing.Unvalidated
            ? new[] { $"{target.Name} is {target.Blessing.ToString().ToLowerInvariant()}; rolling back to it anyway, as an emergency step is asked to." }
            : [];
        var summary = edits.Count == 0
            ? $"stable is already {target.Name}; nothing to do"
            : $"roll stable back from {stable.Name} to {target.Name} ({to ?? Previous})" + (canary is null ? "" : $"; clear canary (was {canary.Name})");
        return state.Step(summary, edits, notes);
    }

    /// <summary>
    /// Plans setting <paramref name="label"/> on <paramref name="version"/>, or clearing it when <paramref name="version"/> is null.
    /// Stable and canary are refused: they move only through Promote, Canary and Rollback, which keep traffic consistent.
    /// </summary>
    public ReleaseStep PlanLabel(string model, string label, string? version, string? reason = null)
    {
        RegistryRules.RequireLabelName(label);
        if (label is LabelNames.Stable or LabelNames.Canary)
        {
            throw new RegistryException(
                $"'{label}' moves only through {(label == LabelNames.Stable ? "Promote or Rollback" : "Canary, Promote or Rollback")}, which keep traffic and configs consistent. Use --label=golden or a label of your own.");
        }

        var state = Read(model, version);
        var current = state.Peek(label);
        if (version is null)
        {
            return current is null
                ? state.Step($"{label} is not set; nothing to clear", [], [])
                : state.Step($"clear {label} (was {current.Name})", [LabelEdit.Clear(label, new LabelChange(reason, Kind: EventKind.LabelClear))], []);
        }

        var target = state.Require(version);
        state.RequireLive(target, $"'{label}' cannot point at it");

        return current?.Name == target.Name
            ? state.Step($"{label} already points at {target.Name}; nothing to do", [], [])
            : state.Step($"set {label} to {target.Name} (was {current?.Name ?? "unset"})", [LabelEdit.Set(label, target.Name, new LabelChange(reason))], []);
    }

    /// <summary>Applies a planned step, refusing it when a label it read has moved since.</summary>
    public IReadOnlyList<LabelChangeResult> Apply(ReleaseStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.IsNoOp ? [] : Registry.ChangeLabels(step.Model, step.Edits, step.Expectations);
    }

    /// <summary>
    /// Works out what <see cref="ModelRegistry.Push(PushRequest)"/> would do with <paramref name="request"/>, reading the artifact
    /// and the store and writing nothing. Every check the push makes on its input is made here too.
    /// </summary>
    public PushPlan PlanPush(PushRequest request)
    {
        var (_, git, dataset, artifact, names, newestNumber, existing) = new VersionPublisher(Registry).Prepare(request, warn: true);
        var (name, number) = existing is null
            ? VersionPublisher.NextName(names, newestNumber, Registry.Now(), request.VersionName)
            : (existing.Name, existing.Number);
        return new PushPlan(request.Model, existing, name, number, artifact.Manifest.FileCount, artifact.Manifest.TotalBytes, artifact.Manifest.Digest, git, dataset);
    }

    /// <summary>
    /// Makes every check <see cref="ModelRegistry.Push(PushRequest)"/> makes on <paramref name="request"/> before it copies
    /// anything (names, hyperparameters, a clean tree when required, the dataset's version or fingerprint, the
    /// artifact's scan and hashes, a name taken by other bytes, pruned or differing only in case), through the very
    /// method the push uses, reading only. Run before recording a verdict for the candidate, so a push that would be
    /// refused records nothing. The price: the artifact is hashed (and a <c>--dataset</c> fingerprinted) once more.
    /// </summary>
    public void CheckPush(PushRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Metrics are the gate's to judge: a NaN there is a rejection (exit 3), not bad input. The push itself warns
        // about unknown provenance; once is enough.
        new VersionPublisher(Registry).Prepare(request with { Metrics = new Dictionary<string, double>() }, warn: false);
    }

    /// <summary>Checks a candidate against <paramref name="policy"/> and the model's current stable version; records nothing.</summary>
    public ValidationReport Validate(ReleasePolicy policy, string artifactDirectory, IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, double>? stableMetrics = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Registry.RequireModelName(policy.Model);
        if (!Directory.Exists(artifactDirectory))
        {
            // A path that names nothing is a mistyped argument, not a candidate the gate could judge: nothing is recorded.
            throw new RegistryException(File.Exists(artifactDirectory)
                ? $"The artifact {artifactDirectory} is a file; --artifact takes the directory your training job exported (the one holding saved_model.pb or the .onnx file)."
                : $"The artifact directory {artifactDirectory} does not exist. Check --artifact: it is the directory your training job exported.");
        }

        return CandidateValidator.Validate(policy, artifactDirectory, metrics, Registry.VersionAt(policy.Model, LabelNames.Stable));
    }

    /// <summary>Records a validation report in the audit log, and as the blessing of <paramref name="version"/> when it is already pushed.</summary>
    public void RecordValidation(ValidationReport report, string? version, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        Registry.RecordValidation(report.Model, version, report.Verdict, JsonDocument.Parse(report.Evidence()).RootElement.Clone(), reason ?? (report.Passed ? null : report.FailureText()));
    }

    /// <summary>Only versions validation blessed (or that skipped it with a recorded reason) may take traffic.</summary>
    private static IReadOnlyList<string> RequireServable(ModelVersion version, string label)
    {
        return version.Blessing switch
        {
            Blessing.Blessed => [],
            Blessing.Skipped => [$"{version.Name} skipped validation ({DisplayText.Escape(version.BlessingReason ?? "no reason recorded")})."],
            Blessing.Rejected => throw new GateRejectedException(
                $"Version '{version.Name}' of model '{version.Model}' was rejected by validation ({DisplayText.Escape(version.BlessingReason ?? "see History")}); it must not become {label}. Push a better candidate."),
            _ => throw new GateRejectedException(
                $"Version '{version.Name}' of model '{version.Model}' was never validated, so it must not become {label}. Validate it first: --target=Validate --model={version.Model} --version={version.Name}."),
        };
    }

    /// <summary>
    /// The model's state for planning a step, with <paramref name="requested"/> (the step's named version) and, for a
    /// rollback to the previous stable, that version read in the same snapshot.
    /// </summary>
    private ReleaseState Read(string model, string? requested, bool readPreviousStable = false)
    {
        Registry.RequireModelName(model);
        using var reader = Registry.OpenRead();
        return new ReleaseState(reader, model, requested, readPreviousStable);
    }
}
