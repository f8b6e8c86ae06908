using Cake.Common;
using Cake.Core;
using Cake.Core.IO;
using Path = System.IO.Path;
using ModelRelease;
using ModelRelease.Pipelines;

namespace Build;

/// <summary>
/// This repository's context: the release context plus what the repo's own tasks read. A team's host extends
/// <see cref="ReleaseContext"/> the same way.
/// </summary>
public sealed class BuildContext : ReleaseContext
{
    private readonly Lazy<string> _root;

    public BuildContext(ICakeContext context)
        : base(context)
    {
        BuildConfiguration = Get(BuildArguments.Configuration);
        TestFilter = Get(BuildArguments.Filter);
        BenchRuns = Get(BuildArguments.Runs);
        PackageVersion = Get(BuildArguments.PackageVersion);
        _root = new Lazy<string>(() => RepositoryPaths.FindRoot(Environment.WorkingDirectory.FullPath));
    }

    /// <summary>The release policies of this repository's models: the bundled sample's, declared in C#.</summary>
    protected override IEnumerable<ReleasePolicy> DeclarePolicies() => [SampleModel.Policy];

    /// <summary>Debug or Release.</summary>
    public string BuildConfiguration { get; }

    /// <summary>A dotnet test filter expression, or null for every test.</summary>
    public string? TestFilter { get; }

    /// <summary>Runs per command for the bootstrap benchmark.</summary>
    public int BenchRuns { get; }

    /// <summary>
    /// The version the Pack task gives the packages (<c>--package-version</c>), or null for the one in
    /// Directory.Build.props.
    /// </summary>
    public string? PackageVersion { get; }

    /// <summary>The repository root (where ModelRelease.slnx is).</summary>
    public string RepositoryRoot => _root.Value;

    /// <summary>Runs <paramref name="fileName"/> in the repository root; a non-zero exit fails the task with <paramref name="why"/>.</summary>
    public void RunInRepository(string fileName, string arguments, string why)
    {
        var exitCode = this.StartProcess(fileName, new ProcessSettings
        {
            Arguments = ProcessArgumentBuilder.FromString(arguments),
            WorkingDirectory = RepositoryRoot,
        });
        if (exitCode != 0)
        {
            throw new CakeException($"{Path.GetFileName(fileName)} {arguments} exited {exitCode}: {why}");
        }
    }

    /// <summary>Where the Pack task writes the packages: a folder feed, <c>.build/packages</c>.</summary>
    public string PackagesDirectory => Path.Combine(RepositoryRoot, ".build", "packages");

    /// <summary>The projects the Pack task packs: the libraries and the template package, in dependency order (Pipelines needs the model runtime and the serving rehearsal).</summary>
    public IReadOnlyList<string> PackableProjects =>
    [
        Path.Combine(RepositoryRoot, "src", "ModelRelease", "ModelRelease.csproj"),
        Path.Combine(RepositoryRoot, "src", "ModelRelease.Cake", "ModelRelease.Cake.csproj"),
        Path.Combine(RepositoryRoot, "src", "ModelRelease.Onnx", "ModelRelease.Onnx.csproj"),
        Path.Combine(RepositoryRoot, "src", "ModelRelease.Serving", "ModelRelease.Serving.csproj"),
        Path.Combine(RepositoryRoot, "pipelines", "ModelRelease.Pipelines", "ModelRelease.Pipelines.csproj"),
        Path.Combine(RepositoryRoot, "templates", "ModelRelease.Templates.csproj"),
    ];

    public string Solution => Path.Combine(RepositoryRoot, RepositoryPaths.SolutionFile);

    /// <summary>Every test project under tests/, in name order.</summary>
    public IReadOnlyList<string> TestProjects =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "tests"), "*.Tests.csproj", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
}
