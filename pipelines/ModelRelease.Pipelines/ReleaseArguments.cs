using ModelRelease.Cake;

namespace ModelRelease.Pipelines;

/// <summary>
/// The release tasks' arguments, each declared once: name, meaning, type, range, example and check.
/// <see cref="ReleaseContext"/> reads them into its properties; each stock task declares the ones it reads by
/// referring to these (<c>public static readonly Argument&lt;int&gt; Weight = ReleaseArguments.Weight;</c>), with its
/// own meaning where it has one (<c>ReleaseArguments.Version.WithDescription("the version to canary")</c>). A team's
/// task that reads one does the same, and <c>--help</c> lists it under that task.
/// </summary>
public static class ReleaseArguments
{
    /// <summary><c>--model</c>: the model name, <c>[a-z0-9][a-z0-9._-]*</c>, at most 64 characters.</summary>
    public static Argument<string?> Model { get; } = Argument.Text("model", "model name")
        .WithExample("sentiment")
        .Check(Names.ModelProblem);

    /// <summary><c>--root</c>: the serving root, resolved against the working directory. Every task that opens the registry reads it.</summary>
    public static Argument<string?> Root { get; } = Argument.Path("root", $"serving root directory (default ./serving_model, or ${ReleaseContext.RootVariable})")
        .WithExample("./serving_model");

    /// <summary><c>--registry</c>: the metadata store, kept as given (a path is resolved by the context). Every task that opens the registry reads it.</summary>
    public static Argument<string?> Registry { get; } = Argument.Location("registry", $"metadata store: a SQLite file path, or a PostgreSQL URL or connection string (default <root>/registry.db, or ${ReleaseContext.RegistryVariable})")
        .WithExample("./registry.db");

    /// <summary><c>--version</c>: a version name; each task that reads it says what it does with it.</summary>
    public static Argument<string?> Version { get; } = Argument.Text("version", "a version name")
        .WithExample("v-20261128-101500")
        .Check(Names.VersionProblem);

    /// <summary><c>--weight</c>: the canary's share of traffic in percent, 1 to 99, 10 when absent.</summary>
    public static Argument<int> Weight { get; } = Argument.Int32("weight", "canary traffic percentage", 10).Between(1, 99);

    /// <summary><c>--keep</c>: how many versions Prune keeps besides protected ones, 5 when absent.</summary>
    public static Argument<int> Keep { get; } = Argument.Int32("keep", "versions kept besides protected ones", 5).Between(0, 100_000);

    /// <summary><c>--reason</c>: free text recorded in the audit log.</summary>
    public static Argument<string?> Reason { get; } = Argument.Text("reason", "free text recorded in the audit log")
        .WithExample("weekly retrain");

    /// <summary><c>--format</c>: <c>table</c> or <c>json</c> (Status and History).</summary>
    public static Argument<string> Format { get; } = Argument.Choice("format", "output format", ["table", "json"], "table");

    /// <summary><c>--artifact</c>: the candidate model directory, absolute.</summary>
    public static Argument<string?> Artifact { get; } = Argument.Path("artifact", "candidate model directory")
        .WithExample("./export/sentiment");

    /// <summary><c>--metrics</c>: the candidate's metrics, inline JSON or a JSON file, read by <see cref="ReleaseContext.ReadMetrics"/>.</summary>
    public static Argument<string?> Metrics { get; } = Argument.Text("metrics", "candidate metrics: a JSON object or a JSON file of name → number")
        .WithExample("eval/metrics.json");

    /// <summary><c>--dataset-version</c>: the dataset version; without it, one is derived.</summary>
    public static Argument<string?> DatasetVersion { get; } = Argument.Text("dataset-version", "dataset version (default: DVC's lock, or a fingerprint of --dataset)")
        .WithExample("reviews-2026-11");

    /// <summary><c>--dataset</c>: the dataset directory to fingerprint, absolute.</summary>
    public static Argument<string?> Dataset { get; } = Argument.Path("dataset", "dataset directory to fingerprint when no --dataset-version is given")
        .WithExample("data/reviews");

    /// <summary><c>--hyperparameters</c>: a JSON file or <c>k=v,k=v</c>, read by <see cref="ReleaseContext.ReadHyperparameters"/>.</summary>
    public static Argument<string?> Hyperparameters { get; } = Argument.Text("hyperparameters", "a JSON file, or k=v,k=v")
        .WithExample("lr=0.001,epochs=20");

    /// <summary><c>--to</c>: the rollback target, <c>previous</c>, <c>golden</c> or a version name.</summary>
    public static Argument<string?> To { get; } = Argument.Text("to", "previous (what stable was before its last move), golden, or a version name")
        .WithExample(ReleaseManager.Previous)
        .Check(to => to is ReleaseManager.Previous or LabelNames.Golden || Names.VersionProblem(to) is not { } problem
            ? null
            : $"{problem}. Give previous, golden or a version name");

    /// <summary><c>--to-registry</c>: the store MigrateStore copies the registry into, kept as given like <see cref="Registry"/>.</summary>
    public static Argument<string?> ToRegistry { get; } = Argument.Location("to-registry", "the empty store to migrate the registry into: a new SQLite file path, or a PostgreSQL URL or connection string")
        .WithExample("postgres://release@db.example.com/models?schema=team_a");

    /// <summary><c>--label</c>: a label name (Label sets or clears it, History filters by it).</summary>
    public static Argument<string?> Label { get; } = Argument.Text("label", "a label")
        .WithExample(LabelNames.Golden)
        .Check(LabelNames.Problem);

    /// <summary><c>--clear</c>: remove instead of set (Label's label, Configure's serving path).</summary>
    public static Argument<bool> Clear { get; } = Argument.Flag("clear", "remove instead of set");

    /// <summary><c>--since</c>: an ISO date or time, or an age back from now (90m, 12h, 7d, 2w).</summary>
    public static Argument<DateTimeOffset?> Since { get; } = Argument.Parsed(
            "since",
            "only events since an ISO time or an age (90m, 12h, 7d)",
            text => SinceParser.Parse(text, DateTimeOffset.UtcNow),
            "an ISO date or time (2026-11-28, 2026-11-28T09:30:00Z) or an age (90m, 12h, 7d)")
        .WithExample("7d");

    /// <summary><c>--skip-validation</c>: Push without Validate; the context requires a <see cref="Reason"/> with it.</summary>
    public static Argument<bool> SkipValidation { get; } = Argument.Flag("skip-validation", "push without validating; needs --reason");

    /// <summary><c>--policy</c>: a release policy file overriding the host's, absolute.</summary>
    public static Argument<string?> Policy { get; } = Argument.Path("policy", "a release policy JSON file overriding the host's")
        .WithExample("policy.json")
        .Check(PolicyProblem);

    /// <summary><c>--require-clean-git</c>: Push refuses a dirty or unknown git tree.</summary>
    public static Argument<bool> RequireCleanGit { get; } = Argument.Flag("require-clean-git", "refuse a dirty or unknown git tree");

    /// <summary><c>--repair</c>: Verify repairs what is safe before checking.</summary>
    public static Argument<bool> Repair { get; } = Argument.Flag("repair", "rebuild links and configs from the registry, quarantine unknown directories, mark dead task runs aborted");

    /// <summary><c>--serving-path</c>: the root's absolute POSIX path as the model server sees it (Configure).</summary>
    public static Argument<string?> ServingPath { get; } = Argument.Text("serving-path", "the root's absolute POSIX path inside the serving container")
        .WithExample("/models")
        .Check(RootSettings.ServingPathProblem);

    /// <summary>
    /// <c>--serving-url</c>: the model server a label move waits for (TF Serving's REST API, or Serve): it loads the
    /// incoming version first and moves the label once the server says AVAILABLE. Without it the final config is
    /// written at once.
    /// </summary>
    public static Argument<string?> ServingUrl { get; } = Argument.Text("serving-url", "the model server to wait for before a label moves (TF Serving REST, e.g. http://127.0.0.1:8501)")
        .WithExample("http://127.0.0.1:8501")
        .Check(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query)
            ? null
            : $"--serving-url={DisplayText.Escape(url)} is not an http(s) base URL; give e.g. --serving-url=http://127.0.0.1:8501");

    /// <summary><c>--serving-timeout</c>: how long a label move waits for the server to load a version.</summary>
    public static Argument<TimeSpan> ServingTimeout { get; } = Argument.Duration("serving-timeout", "how long to wait for the model server to load a version before the move is refused", TimeSpan.FromSeconds(60));

    /// <summary><c>--eval-data</c>: the labelled evaluation set, JSON Lines (Evaluate).</summary>
    public static Argument<string?> EvalData { get; } = Argument.Path("eval-data", "labelled evaluation set, JSON Lines: {\"instance\": {…}, \"label\": 1, \"slice\": \"…\"}")
        .WithExample("eval/holdout.jsonl");

    /// <summary><c>--requests</c>: warm-up requests, JSON Lines of predict bodies (InfraValidate).</summary>
    public static Argument<string?> Requests { get; } = Argument.Path("requests", "warm-up requests, JSON Lines of predict bodies: {\"instances\": [{…}]}")
        .WithExample("eval/requests.jsonl");

    /// <summary><c>--output</c>: where Evaluate writes its metrics (a JSON object of name → number, usable as <c>--metrics</c>).</summary>
    public static Argument<string?> EvaluationOutput { get; } = Argument.Path("output", "write the candidate's metrics to this JSON file (usable as --metrics later)")
        .WithExample("eval/metrics.json");

    // The file is read before any task runs, so a typo in a rule or an analysis condition is a usage error (exit 2)
    // that changes nothing, not a failure halfway through a release.
    private static string? PolicyProblem(string? path)
    {
        try
        {
            ReleasePolicyFile.Load(path!);
            return null;
        }
        catch (RegistryException error)
        {
            return error.Message;
        }
    }
}
