using Cake.Core;
using ModelRelease.Cake;

namespace ModelRelease.Pipelines;

/// <summary>
/// The typed arguments of the release tasks, parsed once when the host creates the context. A malformed value
/// stops the run with exit code 2 before any task starts; tasks read properties, never strings.
/// </summary>
[TaskArgument("root", "serving root directory (default ./serving_model, or $MODELRELEASE_ROOT)", Example = "./serving_model")]
[TaskArgument("registry", "metadata store: a SQLite path or a PostgreSQL connection string (default <root>/registry.db, or $MODELRELEASE_REGISTRY)", Example = "./registry.db")]
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
        Model = ReadModel();
        Root = ReadPath("root") ?? FullPath(Environment.GetEnvironmentVariable(RootVariable) is { Length: > 0 } root ? root : "serving_model");
        var registry = ReadText("registry") ?? Environment.GetEnvironmentVariable(RegistryVariable);
        Store = string.IsNullOrEmpty(registry) ? Path.Combine(Root, "registry.db") : ResolveRegistry(registry);
        Version = ReadVersion();
        Weight = ReadInt32("weight", 10, 1, 99);
        Keep = ReadInt32("keep", 5, 0, 100_000);
        Reason = ReadText("reason");
        Format = ReadChoice("format", "table", "table", "json");
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

    /// <summary>True when <paramref name="registry"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsConnectionString(string registry) => MetadataStores.IsConnectionString(registry);

    private string? ReadModel()
    {
        var model = ReadText("model");
        if (model is null)
        {
            return null;
        }

        return Names.ModelProblem(model) is { } problem ? throw new PipelineUsageException($"--model: {problem}.") : model;
    }

    private string? ReadVersion()
    {
        var version = ReadText("version");
        if (version is null)
        {
            return null;
        }

        return Names.VersionProblem(version) is { } problem ? throw new PipelineUsageException($"--version: {problem}.") : version;
    }

    private string ResolveRegistry(string registry) => IsConnectionString(registry) ? registry : FullPath(registry);

    private string FullPath(string path) => Path.GetFullPath(path, Environment.WorkingDirectory.FullPath);
}
