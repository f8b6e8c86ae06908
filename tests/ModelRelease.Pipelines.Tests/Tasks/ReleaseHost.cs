using Microsoft.Extensions.DependencyInjection;
using ModelRelease.Pipelines.Demo;
using ModelRelease.Samples.Sentiment;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;
using ModelRelease.Cake;
using ModelRelease.Testing;
using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// Runs the stock release tasks through the real host, in process, against a temp working directory that is a
/// real git repository (one commit), with the default serving root <c>./serving_model</c> and a real SQLite store,
/// or, given <see cref="StoreKind.Postgres"/>, a fresh database of the test PostgreSQL server that every run sees as
/// <c>$MODELRELEASE_REGISTRY</c> (a run's own <c>--registry</c> or variable still wins).
/// </summary>
public sealed class ReleaseHost : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-tasks-").FullName;

    public ReleaseHost(StoreKind kind = StoreKind.Sqlite)
    {
        Kind = kind;
        Registry = kind == StoreKind.Postgres ? PostgresServer.Shared.CreateDatabase() : StorePath;
        Directory.CreateDirectory(WorkDirectory);
        File.WriteAllText(Path.Combine(WorkDirectory, ".gitignore"), "serving_model/\nartifacts/\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "train.py"), "print('training')\n");
        Repository.Init(WorkDirectory);
        using var repository = new Repository(WorkDirectory);
        Commands.Stage(repository, "*");
        var signature = new Signature("Trainer", "trainer@example.com", DateTimeOffset.UtcNow);
        Commit = repository.Commit("train", signature, signature).Sha;
    }

    /// <summary>The training repository the host runs in.</summary>
    public string WorkDirectory => Path.Combine(_directory, "work");

    /// <summary>HEAD of the training repository.</summary>
    public string Commit { get; }

    /// <summary>The default serving root.</summary>
    public string Root => Path.Combine(WorkDirectory, "serving_model");

    public string StorePath => Path.Combine(Root, "registry.db");

    public StoreKind Kind { get; }

    /// <summary>The store the runs use: <see cref="StorePath"/>, or a connection string (with its password) to this host's own database.</summary>
    public string Registry { get; }

    /// <summary>Whether anything created the store yet (the SQLite file, or the PostgreSQL schema).</summary>
    public bool StoreExists() =>
        Kind == StoreKind.Postgres ? !PostgresRows.Dump(Registry).StartsWith("store exists: False", StringComparison.Ordinal) : File.Exists(StorePath);

    /// <summary>Everything the store holds, as text: the SQLite file's bytes, or every row of the PostgreSQL schema (to prove a secret is in none).</summary>
    public string StoredText() =>
        Kind == StoreKind.Postgres ? PostgresRows.Dump(Registry) : System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(StorePath));

    /// <summary>Runs <paramref name="sql"/> on the store behind its back (to plant a state a test needs); returns the rows affected.</summary>
    public int RawExecute(string sql)
    {
        if (Kind == StoreKind.Postgres)
        {
            return PostgresRows.Execute(Registry, sql);
        }

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    /// <summary>Runs the host with <paramref name="args"/>.</summary>
    public HostRun Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>Runs the host with <paramref name="args"/>, seeing <paramref name="environment"/> on top of the process's variables.</summary>
    public HostRun RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) => RunConfigured(_ => { }, environment, args);

    /// <summary>Runs the host, configured further by <paramref name="configure"/> (a team's Replace, Without, AddTask), with <paramref name="args"/>.</summary>
    public HostRun RunConfigured(Action<PipelineHost> configure, params string[] args) => RunConfigured(configure, new Dictionary<string, string>(), args);

    private HostRun RunConfigured(Action<PipelineHost> configure, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var host = new PipelineHost()
            .UseContext<TestReleaseContext>()
            .AddAssembly(typeof(ReleaseContext).Assembly)
            .AddTask<ShipTask>()
            .AddTasks(typeof(SmokeCheckTask), typeof(NotifyProbeTask), typeof(ReleaseChainTask), typeof(PromoteThenRollbackTask))
            .UseConsole(output, error)
            .UseWorkingDirectory(WorkDirectory)
            .UseEnvironmentVariable("NO_COLOR", "1")
            .ConfigureServices(services => services.AddSingleton<ISampleTrainer, SentimentSampleTrainer>());
        if (Kind == StoreKind.Postgres)
        {
            host.UseEnvironmentVariable(ReleaseContext.RegistryVariable, Registry);
        }

        foreach (var (name, value) in environment)
        {
            host.UseEnvironmentVariable(name, value);
        }

        configure(host);
        var exitCode = host.Run(args);
        return new HostRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The trained sample's policy (<see cref="SampleModel.TrainedPolicy"/>) as a file in the work directory, the way a team passes one.</summary>
    public string TrainedPolicyFile()
    {
        var path = Path.Combine(WorkDirectory, "trained-policy.json");
        Directory.CreateDirectory(WorkDirectory);
        File.WriteAllText(path, ReleasePolicyFile.ToJson(SampleModel.TrainedPolicy));
        return path;
    }

    /// <summary>A SavedModel-shaped artifact under artifacts/ whose bytes depend on <paramref name="seed"/>.</summary>
    public string Artifact(string seed)
    {
        var directory = Path.Combine(WorkDirectory, "artifacts", seed);
        Directory.CreateDirectory(Path.Combine(directory, "variables"));
        File.WriteAllText(Path.Combine(directory, "saved_model.pb"), "graph " + seed);
        File.WriteAllText(Path.Combine(directory, "variables", "variables.index"), "index " + seed);
        File.WriteAllText(Path.Combine(directory, "variables", "variables.data-00000-of-00001"), "weights " + seed);
        return directory;
    }

    /// <summary>Inline <c>--metrics</c> JSON.</summary>
    public static string Metrics(double accuracy, double latency) =>
        string.Create(CultureInfo.InvariantCulture, $"--metrics={{\"accuracy\": {accuracy}, \"latency_p99_ms\": {latency}}}");

    /// <summary>Validates and pushes a candidate under <paramref name="name"/>; fails the test unless it exits 0.</summary>
    public HostRun Push(string name, double accuracy = 0.9, double latency = 50)
    {
        var run = Run("--target=Push", "--model=mnist", $"--artifact={Artifact(name)}", Metrics(accuracy, latency), $"--version={name}");
        run.AssertExit(0);
        return run;
    }

    /// <summary>The usual starting point: v1 pushed and promoted to stable, then <paramref name="candidates"/> pushed (blessed).</summary>
    public void StableV1Then(params string[] candidates)
    {
        Push("v1");
        Do("Promote", "--version=v1");
        foreach (var candidate in candidates)
        {
            Push(candidate);
        }
    }

    /// <summary>Runs a target for mnist and fails the test unless it exits 0.</summary>
    public HostRun Do(string target, params string[] args)
    {
        var run = Run([$"--target={target}", "--model=mnist", .. args]);
        run.AssertExit(0);
        return run;
    }

    /// <summary>A registry over the same root, as another process would open it, to look at the outcome.</summary>
    public ModelRegistry Open() => ModelRegistry.Open(Root, Registry);

    /// <summary>The stable version of <paramref name="model"/>, and its canary with the canary's weight (null when there is none).</summary>
    public (string Stable, string? Canary, int? Weight) StableAndCanary(string model = "mnist")
    {
        using var registry = Open();
        var labels = registry.Labels(model);
        var canary = labels.FirstOrDefault(l => l.Label == LabelNames.Canary);
        return (labels.Single(l => l.Label == LabelNames.Stable).Version, canary?.Version, canary?.Weight);
    }

    /// <summary>The <see cref="Snapshot"/> of a host whose runs created nothing: no serving root, and no PostgreSQL schema.</summary>
    public string NothingCreated => "no serving root" + (Kind == StoreKind.Postgres ? "store exists: False\n" : "");

    /// <summary>
    /// Every file under the serving root, the store included, by its bytes, and every link by its target; with a
    /// PostgreSQL store, also every row of it. Equal snapshots mean a run changed nothing at all, byte for byte.
    /// </summary>
    public string Snapshot() =>
        (Directory.Exists(Root) ? SnapshotOf(Root, skip: null) : "no serving root") + (Kind == StoreKind.Postgres ? PostgresRows.Dump(Registry) : "");

    /// <summary>
    /// As <see cref="Snapshot"/>, for the whole working directory but its .git: also shows a directory a run made
    /// beside the serving root (a root named ' ' or '~').
    /// </summary>
    public string WorkSnapshot() => SnapshotOf(WorkDirectory, skip: Path.Combine(WorkDirectory, ".git"));

    /// <summary>As <see cref="Snapshot"/>, for any directory (another root, a user's directory), less <paramref name="skip"/>.</summary>
    public static string SnapshotOf(string directory, string? skip = null)
    {
        var text = new StringBuilder();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                     .Where(e => skip is null || !(e.FullName == skip || e.FullName.StartsWith(skip + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                     .OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            text.Append(Path.GetRelativePath(directory, entry.FullName)).Append(" : ").AppendLine(entry.LinkTarget is { } target
                ? "-> " + target
                : entry is FileInfo file ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName))) + $" {file.UnixFileMode}" : "dir");
        }

        return text.ToString();
    }

    public void Dispose()
    {
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            file.Attributes &= ~FileAttributes.ReadOnly;
        }

        Directory.Delete(_directory, recursive: true);
    }
}
