using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using ModelRelease.Internal;
using ModelRelease.Testing;
using ModelRelease.Tests.Fixtures;
using ModelRelease.Tests.Probe;
using Npgsql;

namespace ModelRelease.Tests.Registry;

/// <summary>
/// A temp serving root with a real SQLite registry, a clock that starts at 2026-11-28 10:00:00 UTC and moves one
/// minute per push, known git provenance, and helpers to make small SavedModel-shaped artifacts. Given
/// <see cref="StoreKind.Postgres"/>, the registry is a fresh database of the shared test server instead.
/// </summary>
public sealed class RegistryScenario : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public static readonly GitProvenance CleanGit =
        new("0123456789abcdef0123456789abcdef01234567", "main", false, false, "https://github.com/acme/models.git", null, GitProvenanceSource.Repository);

    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string?> _variables = new(StringComparer.Ordinal);

    public RegistryScenario(StoreKind kind = StoreKind.Sqlite)
        : this(kind, null)
    {
    }

    /// <summary>A scenario whose --registry is <paramref name="registry"/> (another server, another schema), or the default when null.</summary>
    public RegistryScenario(StoreKind kind, string? registry)
    {
        Kind = kind;
        Clock = new ManualClock(Start);
        Directory.CreateDirectory(WorkDirectory);
        Registry = registry ?? (kind == StoreKind.Postgres ? PostgresServer.Shared.CreateDatabase() : RegistryPath);
    }

    /// <summary>A second serving root whose store is schema <paramref name="schema"/> of this scenario's PostgreSQL database.</summary>
    public RegistryScenario BesideInSchema(string schema) =>
        new(StoreKind.Postgres, new NpgsqlConnectionStringBuilder(Registry) { SearchPath = schema }.ConnectionString);

    public StoreKind Kind { get; }

    /// <summary>The --registry value: the SQLite file, or a connection string (with its password) to this scenario's own database.</summary>
    public string Registry { get; }

    /// <summary>A store object of this scenario's registry, as a separate process would make it.</summary>
    public IMetadataStore OpenStore() => MetadataStores.Open(Registry);

    public ManualClock Clock { get; }

    public string Root => _temp.Combine("serving");

    public string WorkDirectory => _temp.Combine("work");

    public string RegistryPath => Path.Combine(Root, "registry.db");

    public List<string> Warnings { get; } = [];

    public IDictionary<string, string?> Variables => _variables;

    public ServingLayout Layout => new(Root);

    public TempDirectory Temp => _temp;

    /// <summary>A registry as a separate process would open it: its own store object and connections.</summary>
    internal ModelRegistry Open(Action<string>? fault = null, ServingLinks? links = null, ServingReadiness? readiness = null, Func<string, RouterOutputs?>? routers = null) =>
        new(Root, OpenStore(), new RegistryOptions
        {
            Clock = Clock,
            Environment = new RunEnvironment(WorkDirectory, name => _variables.GetValueOrDefault(name), "tester", "build-box"),
            Warn = message => { lock (Warnings) { Warnings.Add(message); } },
            Fault = fault ?? (_ => { }),
            Links = links ?? ServingLinks.ForCurrentPlatform(),
            Readiness = readiness,
            Routers = routers,
        });

    /// <summary>A SavedModel-shaped artifact whose bytes depend on <paramref name="seed"/>.</summary>
    public string Artifact(string seed)
    {
        var directory = _temp.Combine("artifacts", seed);
        _temp.WriteFile(Path.Combine("artifacts", seed, "saved_model.pb"), "graph " + seed);
        _temp.WriteFile(Path.Combine("artifacts", seed, "variables", "variables.index"), "index " + seed);
        _temp.WriteFile(Path.Combine("artifacts", seed, "variables", "variables.data-00000-of-00001"), "weights " + seed);
        return directory;
    }

    public PushRequest Request(string seed, string model = "mnist") =>
        new(model, Artifact(seed)) { Git = CleanGit, DatasetVersion = "ds-1", Metrics = new Dictionary<string, double> { ["accuracy"] = 0.9 } };

    /// <summary>Pushes a fresh artifact and moves the clock a minute on.</summary>
    public ModelVersion Push(string seed, string model = "mnist", string? name = null)
    {
        using var registry = Open();
        var version = registry.Push(Request(seed, model) with { VersionName = name }).Version;
        Clock.Advance(TimeSpan.FromMinutes(1));
        return version;
    }

    /// <summary>
    /// Starts a <see cref="RegistryProbe"/> process on this scenario's store. A PostgreSQL registry goes to the child in
    /// a variable, its password in another one that the connection string names (Password Env), never as an argument.
    /// </summary>
    public ProbeProcess Probe(params string[] args)
    {
        if (Kind != StoreKind.Postgres)
        {
            return ProbeProcess.Start(args);
        }

        const string passwordVariable = "MODELRELEASE_PROBE_PASSWORD";
        var builder = new NpgsqlConnectionStringBuilder(Registry);
        var password = builder.Password ?? "";
        builder.Password = null;
        return ProbeProcess.StartWith(
            new Dictionary<string, string> { [RegistryProbe.RegistryVariable] = builder.ConnectionString + $";Password Env={passwordVariable}", [passwordVariable] = password },
            args);
    }

    public string? LinkTarget(string path) => new FileInfo(path).LinkTarget;

    /// <summary>
    /// Everything a change could touch: each file under the root with its hash, each link with its target, and
    /// every row of the store. Two equal snapshots mean nothing changed. The database file itself is compared by
    /// content, not bytes: a rolled-back transaction may still leave WAL frames behind.
    /// </summary>
    public string Snapshot()
    {
        var text = new StringBuilder();
        if (Directory.Exists(Root))
        {
            foreach (var entry in new DirectoryInfo(Root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                         .Where(e => !e.Name.StartsWith("registry.db", StringComparison.Ordinal))
                         .OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(Root, entry.FullName);
                text.Append(relative).Append(" : ").AppendLine(entry.LinkTarget is { } target
                    ? "-> " + target
                    : entry is FileInfo file ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName))) : "dir");
            }
        }

        if (Kind == StoreKind.Postgres)
        {
            return text.Append(PostgresRows.Dump(Registry)).ToString();
        }

        text.AppendLine("store exists: " + File.Exists(RegistryPath));
        if (File.Exists(RegistryPath))
        {
            using var connection = new SqliteConnection($"Data Source={RegistryPath};Pooling=False;Mode=ReadOnly");
            connection.Open();
            foreach (var table in PostgresRows.Tables)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM {table} ORDER BY 1";
                PostgresRows.AppendRows(text, table, command);
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Every way the files of <paramref name="model"/> disagree with its store rows: a live version without its copy
    /// or numeric link, a pruned one with either, or an entry in versions/ or serving/ the store does not explain
    /// (hidden copies included). Empty when the root says exactly what the store says.
    /// </summary>
    public IReadOnlyList<string> Disagreements(string model)
    {
        using var store = OpenStore();
        using var reader = store.Read();
        var problems = new List<string>();
        var versions = reader.Versions(model);
        foreach (var version in versions)
        {
            var copy = Layout.VersionDirectory(model, version.Name);
            var number = Layout.ServingPath(model, version.Number);
            var hasCopy = File.Exists(Path.Combine(copy, "saved_model.pb"));
            var hasLink = LinkTarget(number) == ServingLayout.ServingTarget(version.Name);
            if (!version.IsPruned && !(hasCopy && hasLink))
            {
                problems.Add($"live {version.Name}: copy {hasCopy}, link {hasLink}");
            }

            if (version.IsPruned && (Path.Exists(copy) || LinkTarget(number) is not null))
            {
                problems.Add($"pruned {version.Name} still has files");
            }
        }

        var live = versions.Where(v => !v.IsPruned).ToList();
        var versionsDirectory = Layout.VersionsDirectory(model);
        var onDisk = Directory.Exists(versionsDirectory) ? Directory.GetFileSystemEntries(versionsDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        if (!onDisk.SequenceEqual(live.Select(v => v.Name).Order(StringComparer.Ordinal)))
        {
            problems.Add($"versions/ holds {string.Join(", ", onDisk)}");
        }

        var servingDirectory = Layout.ServingDirectory(model);
        var links = Directory.Exists(servingDirectory) ? Directory.GetFileSystemEntries(servingDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList() : [];
        if (!links.SequenceEqual(live.Select(v => v.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal)))
        {
            problems.Add($"serving/ holds {string.Join(", ", links)}");
        }

        var config = File.Exists(Layout.ModelsConfigPath) ? File.ReadAllText(Layout.ModelsConfigPath) : "";
        problems.AddRange(versions.Where(v => v.IsPruned && config.Contains($": {v.Number}\n", StringComparison.Ordinal)).Select(v => $"models.config lists pruned {v.Name}"));
        return problems;
    }

    public void Dispose() => _temp.Dispose();
}
