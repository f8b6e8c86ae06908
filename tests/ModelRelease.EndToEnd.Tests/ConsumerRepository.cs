namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// A team's new repository made from the <c>modelrelease-pipeline</c> template in a fresh temp folder, outside any
/// ModelRelease checkout (so no Directory.Build.props of ours reaches it). The template is installed into a private
/// template hive, so the user's own <c>dotnet new</c> list is never touched.
/// </summary>
public sealed class ConsumerRepository : IDisposable
{
    private const string Name = "Acme";

    private readonly string _work;
    private readonly string _hive;
    private readonly string _version;

    private ConsumerRepository(string work, string version)
    {
        _work = work;
        _hive = Path.Combine(work, "template-hive");
        _version = version;
        Root = Path.Combine(work, Name);
    }

    /// <summary>The new repository's root (where build.sh is).</summary>
    public string Root { get; }

    /// <summary>A new empty temp folder for a repository that will reference packages of <paramref name="version"/>.</summary>
    public static ConsumerRepository Create(string version)
    {
        var work = Path.Combine(Path.GetTempPath(), "modelrelease-consumer-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        return new ConsumerRepository(work, version);
    }

    /// <summary><c>dotnet new install &lt;nupkg&gt;</c> into the private hive.</summary>
    public BuildShResult InstallTemplate(string templatePackage) =>
        ChildProcess.Run("dotnet", ["new", "install", templatePackage, "--debug:custom-hive", _hive], _work);

    /// <summary><c>dotnet new modelrelease-pipeline -n Acme --packages-source &lt;feed&gt;</c>.</summary>
    public BuildShResult NewFromTemplate(string feed) =>
        ChildProcess.Run("dotnet", ["new", "modelrelease-pipeline", "-n", Name, "--packages-source", feed, "--debug:custom-hive", _hive], _work);

    /// <summary>git in the new repository, with an identity of its own (CI machines often have none).</summary>
    public BuildShResult Git(params string[] args) =>
        ChildProcess.Run("git", ["-c", "user.name=ModelRelease E2E", "-c", "user.email=e2e@modelrelease.invalid", .. args], Root);

    /// <summary>Runs the new repository's ./build.sh.</summary>
    public BuildShResult Run(params string[] args) => ChildProcess.Run(Path.Combine(Root, "build.sh"), args, Root);

    /// <summary>Runs the repository's build.sh with <paramref name="environment"/> set, as a CI runner would (GITHUB_OUTPUT).</summary>
    public BuildShResult RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        ChildProcess.Run(Path.Combine(Root, "build.sh"), args, Root, environment);

    /// <summary>A path inside the new repository, from '/'-separated parts.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>A scratch folder beside the repository (outside it), e.g. for a retrained export.</summary>
    public string Scratch(string name) => Path.Combine(_work, name);

    /// <summary>
    /// Deletes the temp folder, and this run's ModelRelease packages from NuGet's global packages folder: their
    /// version is unique to the run, so nothing else uses them, and they would pile up run after run.
    /// </summary>
    public void Dispose()
    {
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }

        if (GlobalPackagesFolder() is not { } cache)
        {
            return;
        }

        foreach (var id in PackedPackagesFixture.Ids)
        {
            var package = Path.Combine(cache, id.ToLowerInvariant());
            var folder = Path.Combine(package, _version.ToLowerInvariant());
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            if (Directory.Exists(package) && !Directory.EnumerateFileSystemEntries(package).Any())
            {
                Directory.Delete(package);
            }
        }
    }

    /// <summary>NuGet's global packages folder (NUGET_PACKAGES, or ~/.nuget/packages), as NuGet itself reports it.</summary>
    public static string? GlobalPackagesFolder()
    {
        var locals = ChildProcess.Run("dotnet", ["nuget", "locals", "global-packages", "--list"], Path.GetTempPath());
        const string Prefix = "global-packages:";
        var line = locals.StdOut.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        return locals.ExitCode == 0 && line is not null ? line[Prefix.Length..].Trim() : null;
    }
}
