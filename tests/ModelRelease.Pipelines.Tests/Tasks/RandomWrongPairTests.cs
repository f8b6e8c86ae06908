using System.Globalization;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// A property-style test of issue 9's guarantee: random sequences of tasks, each with a random (often wrong)
/// --root/--registry pair, given as arguments or through the environment. After every step, every file of every
/// live version each real store records is still there, no version was pruned except by a Prune of its own root
/// with its own store, and a user's files in a directory that is not a serving root are untouched.
/// </summary>
public sealed class RandomWrongPairTests : IDisposable
{
    private const int Steps = 60;

    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Should_Never_Delete_A_Registered_Versions_Files_Whatever_The_Pair(int seed)
    {
        // Given two released roots, each with its store, and an application directory with a versions/ folder
        _host.StableV1Then("v2");
        var other = Path.Combine(_host.WorkDirectory, "other_root");
        _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("o1")}", ReleaseHost.Metrics(0.9, 50), "--version=o1", $"--root={other}").AssertExit(0);
        var app = Path.Combine(_host.WorkDirectory, "myapp");
        Directory.CreateDirectory(Path.Combine(app, "versions", "1.0"));
        File.WriteAllText(Path.Combine(app, "versions", "1.0", "notes.txt"), "release notes");
        File.WriteAllBytes(Path.Combine(_host.WorkDirectory, "zero.db"), []);
        var roots = new[] { _host.Root, other };
        var random = new Random(seed);
        var pruned = roots.ToDictionary(r => r, PrunedVersions);
        var exits = new List<int>();

        for (var step = 0; step < Steps; step++)
        {
            // When a random task runs with a random pair
            var rootChoice = Pick(random, [null, _host.Root, other, Path.Combine(_host.WorkDirectory, $"fresh-{step}"), app, Path.Combine(_host.Root, "mnist"), "/", "."]);
            var storeChoice = Pick(random, [null, Path.Combine(_host.Root, "registry.db"), Path.Combine(other, "registry.db"), $"typo-{step}.db", "zero.db", Path.Combine(app, "registry.db")]);
            var (task, taskArgs) = RandomTask(random, step);
            var args = new List<string> { $"--target={task}" };
            args.AddRange(taskArgs);
            var environment = new Dictionary<string, string>();
            Place(random, args, environment, "root", ReleaseContext.RootVariable, rootChoice);
            Place(random, args, environment, "registry", ReleaseContext.RegistryVariable, storeChoice);
            var run = _host.RunWith(environment, [.. args]);
            var described = $"step {step} (seed {seed}): {string.Join(' ', args)} env[{string.Join(", ", environment.Select(e => $"{e.Key}={e.Value}"))}] → exit {run.ExitCode}\n{run.Error}";

            // Then nothing the stores record lost a file, and only a Prune of a root with its own store pruned anything
            Assert.True(run.ExitCode is 0 or 1 or 2 or 3, described);
            exits.Add(run.ExitCode);
            foreach (var root in roots)
            {
                AssertEveryLiveVersionIsWhole(root, described);
                var now = PrunedVersions(root);
                var pairedPrune = task == "Prune" && ResolvesTo(rootChoice, environment, ReleaseContext.RootVariable, _host.Root) == root
                    && (storeChoice is null || Path.GetFullPath(storeChoice, _host.WorkDirectory) == Path.Combine(root, "registry.db"));
                Assert.True(pruned[root].IsSubsetOf(now), $"a pruned version came back? {described}");
                Assert.True(pairedPrune || now.SetEquals(pruned[root]), $"versions of {root} were pruned by a step that was not its own Prune: {string.Join(", ", now.Except(pruned[root]))}. {described}");
                pruned[root] = now;
            }

            Assert.Equal("release notes", File.ReadAllText(Path.Combine(app, "versions", "1.0", "notes.txt")));
        }

        // And the sequence exercised both sides: steps that ran and changed things, and wrong pairs that were refused
        Assert.True(exits.Count(e => e == 0) >= 5 && exits.Count(e => e == 1) >= 5, $"exit codes seen: {string.Join(' ', exits)}");
    }

    private (string Task, string[] Args) RandomTask(Random random, int step)
    {
        var candidate = $"r{step}";
        return random.Next(10) switch
        {
            0 => ("Validate", ["--model=mnist", $"--artifact={_host.Artifact(candidate)}", ReleaseHost.Metrics(0.9, 50)]),
            1 => ("Push", ["--model=mnist", $"--artifact={_host.Artifact(candidate)}", ReleaseHost.Metrics(0.9, 50), $"--version={candidate}"]),
            2 => ("Canary", ["--model=mnist", "--version=v2"]),
            3 => ("Promote", ["--model=mnist"]),
            4 => ("Rollback", ["--model=mnist"]),
            5 => ("Label", ["--model=mnist", "--label=golden", "--version=v1"]),
            6 => ("Status", []),
            7 => ("History", ["--format=json"]),
            8 => ("Verify", ["--repair"]),
            _ => ("Prune", ["--model=mnist", "--keep=0"]),
        };
    }

    private static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];

    /// <summary>Puts a choice on the command line or in the environment variable (null: leave it to the default).</summary>
    private static void Place(Random random, List<string> args, Dictionary<string, string> environment, string argument, string variable, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (random.Next(3) == 0)
        {
            // Relative values are taken from the host's working directory, as arguments are.
            environment[variable] = value;
        }
        else
        {
            args.Add($"--{argument}={value}");
        }
    }

    private string ResolvesTo(string? rootChoice, Dictionary<string, string> environment, string variable, string fallback) =>
        rootChoice is null ? fallback
            : environment.TryGetValue(variable, out var fromEnvironment) ? Path.GetFullPath(fromEnvironment, _host.WorkDirectory)
            : Path.GetFullPath(rootChoice, _host.WorkDirectory);

    private static HashSet<string> PrunedVersions(string root)
    {
        using var registry = ModelRegistry.Open(root);
        return registry.Models().SelectMany(m => registry.Versions(m).Where(v => v.IsPruned).Select(v => $"{m}/{v.Name}")).ToHashSet(StringComparer.Ordinal);
    }

    private static void AssertEveryLiveVersionIsWhole(string root, string described)
    {
        using var registry = ModelRegistry.Open(root);
        foreach (var model in registry.Models())
        {
            foreach (var version in registry.Versions(model).Where(v => !v.IsPruned))
            {
                foreach (var entry in registry.Manifest(model, version.Name).Entries.Where(e => !e.IsDirectory))
                {
                    var file = Path.Combine(registry.Layout.VersionDirectory(model, version.Name), entry.Path);
                    Assert.True(File.Exists(file), string.Create(CultureInfo.InvariantCulture, $"{file} of live version {model} {version.Name} is gone after {described}"));
                }
            }
        }
    }
}
