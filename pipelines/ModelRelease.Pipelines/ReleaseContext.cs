using ModelRelease.Onnx;
using Cake.Core;
using Cake.Core.Diagnostics;
using ModelRelease.Cake;

namespace ModelRelease.Pipelines;

/// <summary>
/// The typed arguments of the release tasks (declared once, in <see cref="ReleaseArguments"/>), parsed once when
/// the host creates the context. A malformed value stops the run with exit code 2 before any task starts; tasks
/// read properties, never strings. Which arguments a run accepts is up to the tasks that run: each declares what it
/// reads (a <see cref="ReleaseTask"/> declares <c>--root</c> and <c>--registry</c>).
/// </summary>
public class ReleaseContext : PipelineContext
{
    /// <summary>The environment variable that sets the default serving root.</summary>
    public const string RootVariable = "MODELRELEASE_ROOT";

    /// <summary>The environment variable that sets the default metadata store.</summary>
    public const string RegistryVariable = "MODELRELEASE_REGISTRY";

    /// <summary>Parses the release arguments.</summary>
    public ReleaseContext(ICakeContext context)
        : base(context)
    {
        Model = Get(ReleaseArguments.Model);
        Root = Get(ReleaseArguments.Root) ?? FullPath(ReadEnvironmentLocation(RootVariable, "/srv/models") ?? "serving_model");
        var registry = Get(ReleaseArguments.Registry) ?? ReadEnvironmentLocation(RegistryVariable, "/srv/models/registry.db");
        Store = registry is null ? Path.Combine(Root, "registry.db") : ResolveRegistry(registry);
        Version = Get(ReleaseArguments.Version);
        Weight = Get(ReleaseArguments.Weight);
        Keep = Get(ReleaseArguments.Keep);
        Reason = Get(ReleaseArguments.Reason);
        Format = Get(ReleaseArguments.Format);
        if (Format == "json")
        {
            // --format=json is for scripts: stdout carries the JSON alone, so `| jq` works without --verbosity=quiet.
            ClaimStandardOutputForData();
        }

        IsWeightGiven = IsGiven(ReleaseArguments.Weight);
        IsKeepGiven = IsGiven(ReleaseArguments.Keep);
        IsRootGiven = IsGiven(ReleaseArguments.Root);
        Artifact = Get(ReleaseArguments.Artifact);
        MetricsArgument = Get(ReleaseArguments.Metrics);
        DatasetVersion = Get(ReleaseArguments.DatasetVersion);
        Dataset = Get(ReleaseArguments.Dataset);
        HyperparametersArgument = Get(ReleaseArguments.Hyperparameters);
        To = Get(ReleaseArguments.To);
        ToRegistry = Get(ReleaseArguments.ToRegistry) is { } target ? ResolveRegistry(target) : null;
        Label = Get(ReleaseArguments.Label);
        Clear = Get(ReleaseArguments.Clear);
        Since = Get(ReleaseArguments.Since);
        SkipValidation = Get(ReleaseArguments.SkipValidation);
        if (SkipValidation && Reason is null)
        {
            throw new PipelineUsageException("--skip-validation needs --reason: say why this version may skip the gate, e.g. --reason=\"hotfix, validated offline in INC-123\". It is recorded with the version.");
        }

        PolicyFile = Get(ReleaseArguments.Policy);
        RequireCleanGit = Get(ReleaseArguments.RequireCleanGit);
        Repair = Get(ReleaseArguments.Repair);
        ServingPath = Get(ReleaseArguments.ServingPath);
        ServingUrl = Get(ReleaseArguments.ServingUrl) is { } url ? new Uri(url.TrimEnd('/') + "/") : null;
        ServingTimeout = Get(ReleaseArguments.ServingTimeout);
        _registry = new Lazy<ModelRegistry>(OpenRegistry);
        _checkedRegistry = new Lazy<ModelRegistry>(() =>
        {
            _registry.Value.CheckRoot(Artifact);
            return _registry.Value;
        });
        _policies = new Lazy<IReadOnlyDictionary<string, ReleasePolicy>>(CollectPolicies);
    }

    /// <summary>The model name (<c>--model</c>), or null when not given.</summary>
    public string? Model { get; }

    /// <summary>The serving root directory, absolute.</summary>
    public string Root { get; }

    /// <summary>The metadata store (<c>--registry</c>): an absolute SQLite path, or a PostgreSQL connection string as given.</summary>
    public string Store { get; }

    /// <summary>The version name (<c>--version</c>), or null when not given.</summary>
    public string? Version { get; }

    /// <summary>Canary traffic percentage, 1–99 (default 10).</summary>
    public int Weight { get; }

    /// <summary>How many versions Prune keeps besides protected ones (default 5).</summary>
    public int Keep { get; }

    /// <summary>Free text recorded in the audit log.</summary>
    public string? Reason { get; }

    /// <summary>"table" or "json".</summary>
    public string Format { get; }

    /// <summary>True when <c>--weight</c> was given; otherwise Canary starts at the policy's first canary step.</summary>
    public bool IsWeightGiven { get; }

    /// <summary>True when <c>--keep</c> was given; otherwise Prune keeps what the policy says.</summary>
    public bool IsKeepGiven { get; }

    /// <summary>True when <c>--root</c> was given (Demo uses its own default otherwise).</summary>
    public bool IsRootGiven { get; }

    /// <summary>The candidate model directory (<c>--artifact</c>), absolute, or null.</summary>
    public string? Artifact { get; }

    /// <summary>The <c>--metrics</c> argument as given: inline JSON or a path to a JSON file; see <see cref="ReadMetrics"/>.</summary>
    public string? MetricsArgument { get; }

    /// <summary>The dataset version (<c>--dataset-version</c>), or null to derive one.</summary>
    public string? DatasetVersion { get; }

    /// <summary>The dataset directory to fingerprint when no version is given (<c>--dataset</c>), absolute, or null.</summary>
    public string? Dataset { get; }

    /// <summary>The <c>--hyperparameters</c> argument as given: a JSON file or <c>k=v,k=v</c>.</summary>
    public string? HyperparametersArgument { get; }

    /// <summary><c>--to-registry</c>: the store MigrateStore copies into (a path resolved against the working directory, or a connection string as given).</summary>
    public string? ToRegistry { get; }

    /// <summary>The rollback target (<c>--to</c>): <c>previous</c>, <c>golden</c> or a version name; null when not given.</summary>
    public string? To { get; }

    /// <summary>The label the Label task sets or clears, and the label History filters by (<c>--label</c>).</summary>
    public string? Label { get; }

    /// <summary>True when the Label task should clear <see cref="Label"/>, or Configure the serving path (<c>--clear</c>).</summary>
    public bool Clear { get; }

    /// <summary>History lists events at or after this time (<c>--since</c>: an ISO date or time, or an age such as 90m, 12h, 7d).</summary>
    public DateTimeOffset? Since { get; }

    /// <summary>True when Push skips Validate (<c>--skip-validation</c>); it needs a <see cref="Reason"/>, recorded with the version.</summary>
    public bool SkipValidation { get; }

    /// <summary>A release policy file overriding the one declared in the host (<c>--policy</c>), absolute, or null.</summary>
    public string? PolicyFile { get; }

    /// <summary>True when Push must refuse a dirty or unknown git tree (<c>--require-clean-git</c>).</summary>
    public bool RequireCleanGit { get; }

    /// <summary>True when Verify should repair what is safe before checking (<c>--repair</c>).</summary>
    public bool Repair { get; }

    /// <summary>The root's path as the model server sees it (<c>--serving-path</c>, Configure), or null when not given.</summary>
    public string? ServingPath { get; }

    /// <summary>The model server a label move waits for (<c>--serving-url</c>), or null to write the final config at once.</summary>
    public Uri? ServingUrl { get; }

    /// <summary>How long a label move waits for the server to load a version (<c>--serving-timeout</c>, default 60 s).</summary>
    public TimeSpan ServingTimeout { get; }

    /// <summary>The registry at <see cref="Root"/> and <see cref="Store"/>, opened on first use; opening creates nothing.</summary>
    /// <remarks>
    /// Before any task reads the root as this store's or changes anything, the pair is checked: a store of another
    /// root, a new store for a root that has one (a typo), or a directory that is not a serving root is refused (exit 1).
    /// </remarks>
    public ModelRegistry ModelRegistry => _checkedRegistry.Value;

    /// <summary>Adopt's commands: over the registry without the root check, which Adopt exists to satisfy.</summary>
    internal ReleaseCommands AdoptionCommands => new(new ReleaseManager(_registry.Value), Console);

    /// <summary>The release steps over <see cref="ModelRegistry"/>.</summary>
    public ReleaseManager Release => new(ModelRegistry);

    /// <summary>The release tasks' commands, printing to <see cref="PipelineContext.Console"/>.</summary>
    public ReleaseCommands Commands => new(Release, Console);

    /// <summary>
    /// The version Push made in this run (or found holding the same bytes), for the tasks after it, e.g. a smoke test;
    /// null when no Push ran before. In a dry run it is the version Push's plan would create.
    /// </summary>
    public PushResult? Pushed => Results.Find<PushResult>();

    /// <summary>
    /// The last label step of this run (Canary, Promote, Rollback or Label), for the tasks after it, e.g. a notification;
    /// null when none ran before. In a dry run it is the step the task's plan would take.
    /// </summary>
    public ReleaseOutcome? Released => Results.Find<ReleaseOutcome>();

    /// <summary>What the last Validate in this run concluded, for Push to record as the version's blessing.</summary>
    public ValidationReport? Validation { get; set; }

    /// <summary>
    /// What Evaluate measured in this run: the candidate and stable on the same evaluation set. Validate then judges
    /// the candidate's measured metrics against stable's measured ones, and Push records them with the version.
    /// </summary>
    public EvaluationComparison? Evaluation { get; set; }

    /// <summary>What InfraValidate found in this run, recorded with Validate's verdict.</summary>
    public InfraValidationReport? InfraValidation { get; set; }

    /// <summary>
    /// The candidate's metrics: what Evaluate measured in this run, over any <c>--metrics</c> (training-time numbers
    /// Evaluate does not compute, such as a training loss, are kept); without Evaluate, <c>--metrics</c> alone.
    /// </summary>
    public IReadOnlyDictionary<string, double> CandidateMetrics()
    {
        if (Evaluation is null)
        {
            return ReadMetrics();
        }

        var metrics = MetricsArgument is null ? new Dictionary<string, double>(StringComparer.Ordinal) : new Dictionary<string, double>(ReadMetrics(), StringComparer.Ordinal);
        foreach (var (name, value) in Evaluation.Candidate.Metrics)
        {
            metrics[name] = value;
        }

        return metrics;
    }

    /// <summary>The command line's task arguments, last value of each, as a task run records them (the registry redacts secrets).</summary>
    public IReadOnlyDictionary<string, string?> RecordedArguments() =>
        Arguments.GetArguments().ToDictionary(a => a.Key, a => (string?)a.Value.LastOrDefault(), StringComparer.Ordinal);

    /// <summary>
    /// Who releases and from where, with provenance read from <paramref name="workingDirectory"/> and the host's
    /// environment variables (which a host may set per run), not the process's.
    /// </summary>
    public RunEnvironment RunEnvironmentAt(string workingDirectory) => new(
        workingDirectory,
        name => Environment.GetEnvironmentVariable(name),
        System.Environment.UserName,
        System.Environment.MachineName);

    /// <summary>The model name; a model task without one is a usage error.</summary>
    public string RequireModel() => Model ?? throw new PipelineUsageException("This task needs --model (model name, e.g. --model=sentiment).");

    /// <summary>
    /// The release policy of <paramref name="model"/>: the <c>--policy</c> file when given, else the one the host
    /// declares; null when there is neither.
    /// </summary>
    public ReleasePolicy? FindPolicy(string model)
    {
        if (PolicyFile is not null)
        {
            var policy = ReleasePolicyFile.Load(PolicyFile);
            return policy.Model == model
                ? policy
                : throw new RegistryException($"The policy file {PolicyFile} is for model '{policy.Model}', not '{model}'. Pass the file written for '{model}', or fix its \"model\" field.");
        }

        return _policies.Value.GetValueOrDefault(model);
    }

    /// <summary>The release policy of <paramref name="model"/>; a model without one is an error that says how to add one.</summary>
    public ReleasePolicy PolicyFor(string model) => FindPolicy(model) ?? throw new RegistryException(
        $"Model '{model}' has no release policy, so there is nothing to validate it against. Declare one in your host's context " +
        $"(override {nameof(DeclarePolicies)}; models with one: {(_policies.Value.Count == 0 ? "none" : string.Join(", ", _policies.Value.Keys.Order(StringComparer.Ordinal)))}), " +
        "or pass --policy=policy.json.");

    /// <summary>The candidate metrics from <c>--metrics</c>; a task that needs them and has none is a usage error.</summary>
    public IReadOnlyDictionary<string, double> ReadMetrics() => MetricsArgument is null
        ? throw new PipelineUsageException("This task needs --metrics (the candidate's evaluation metrics: a JSON object or a JSON file), e.g. --metrics='{\"accuracy\": 0.91}' or --metrics=eval/metrics.json.")
        : MetricsInput.Parse(MetricsArgument, Environment.WorkingDirectory.FullPath);

    /// <summary>The hyperparameters from <c>--hyperparameters</c>, or none.</summary>
    public IReadOnlyDictionary<string, string> ReadHyperparameters() => HyperparametersArgument is null
        ? new Dictionary<string, string>()
        : MetricsInput.ParseHyperparameters(HyperparametersArgument, Environment.WorkingDirectory.FullPath);

    /// <summary>The release policies this host declares, one per model. The default declares none.</summary>
    protected virtual IEnumerable<ReleasePolicy> DeclarePolicies() => [];

    /// <summary>True when <paramref name="registry"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsConnectionString(string registry) => MetadataStores.IsConnectionString(registry);

    private readonly Lazy<ModelRegistry> _registry;
    private readonly Lazy<ModelRegistry> _checkedRegistry;
    private readonly Lazy<IReadOnlyDictionary<string, ReleasePolicy>> _policies;

    /// <summary>
    /// Adds to <paramref name="plan"/> what the registry's next change would also do beyond the task's own step: the
    /// root's marker for a new root, and the clean-up of the serving directory (journal-proven leftovers deleted,
    /// unknown directories quarantined, links and configs rewritten). Only once per run: the first change does it.
    /// </summary>
    public void PlanCleanup(ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (_cleanupPlanned)
        {
            return;
        }

        _cleanupPlanned = true;
        if (ModelRegistry.CheckRoot())
        {
            plan.Write(ModelRegistry.Layout.RootMarkerPath, "the new root's identity, recorded in the registry too");
            return;
        }

        // The clean-up is planned on the state before the step. The step's own label moves and the configs it
        // rewrites are in its plan already; listing their "repairs" on the old state too would contradict it.
        var ownModel = Model is null ? null : ModelRegistry.Layout.ModelDirectory(Model) + Path.DirectorySeparatorChar;
        foreach (var action in ModelRegistry.PlanSync(Model).Where(a => !IsOwnDerivedState(a, ownModel)))
        {
            plan.Add(action.ChangeKind, action.Describe());
        }
    }

    private static bool IsOwnDerivedState(SyncAction action, string? ownModel) =>
        action.Kind is SyncActionKind.WriteConfig
        || (action.Kind is SyncActionKind.PointLink or SyncActionKind.RemoveLink && ownModel is not null && action.Path.StartsWith(ownModel, StringComparison.Ordinal));

    private bool _cleanupPlanned;

    /// <summary>
    /// The registry at <see cref="Root"/> and <see cref="Store"/> rendering models.config under
    /// <paramref name="settings"/> (Configure syncs under the settings it has just written).
    /// </summary>
    public ModelRegistry OpenRegistry(RootSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return ModelRegistry.Open(Root, Store, new RegistryOptions
        {
            // Provenance is read from the host's working directory and environment, which a host may set per run.
            Environment = RunEnvironmentAt(Environment.WorkingDirectory.FullPath),
            Warn = message => Log.Warning("{0}", message),
            ServingBasePath = settings.ServingPath,
            Readiness = ServingUrl is null ? null : new ServingReadiness(ServingUrl, ServingTimeout),
            Routers = RoutersOf,
        });
    }

    private ModelRegistry OpenRegistry() => OpenRegistry(RootSettings.Load(Root));

    /// <summary>
    /// A model's router files from its policy: the <c>--policy</c> file's when it is that model's, else the host's.
    /// Null (files left as they are) for a model with no policy here.
    /// </summary>
    private RouterOutputs? RoutersOf(string model)
    {
        if (PolicyFile is not null && ReleasePolicyFile.Load(PolicyFile) is { } file && file.Model == model)
        {
            return file.Routers;
        }

        return _policies.Value.GetValueOrDefault(model)?.Routers;
    }

    private IReadOnlyDictionary<string, ReleasePolicy> CollectPolicies()
    {
        var policies = new Dictionary<string, ReleasePolicy>(StringComparer.Ordinal);
        foreach (var policy in DeclarePolicies())
        {
            policy.Validate();
            if (!policies.TryAdd(policy.Model, policy))
            {
                throw new RegistryException($"The host declares two release policies for model '{policy.Model}'. Keep one.");
            }
        }

        return policies;
    }

    private string ResolveRegistry(string registry) => IsConnectionString(registry) ? registry : FullPath(registry);

    private string FullPath(string path) => Path.GetFullPath(path, Environment.WorkingDirectory.FullPath);
}
