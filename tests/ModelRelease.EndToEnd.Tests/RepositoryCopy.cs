using System.Diagnostics;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// A copy of the repository's source files (what git tracks, plus untracked files it does not ignore) in a new temp
/// folder. It has no .build/, bin/ or obj/, so the first ./build.sh call there pays the same host build a fresh clone does.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    private const string SolutionFile = "ModelRelease.slnx";

    private RepositoryCopy(string root) => Root = root;

    /// <summary>The copy's root folder (holds build.sh and ModelRelease.slnx).</summary>
    public string Root { get; }

    /// <summary>Copies the current working tree of the repository these tests were built from.</summary>
    public static RepositoryCopy Create()
    {
        var source = FindRepositoryRoot();
        var root = Path.Combine(Path.GetTempPath(), "modelrelease-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            var copied = 0;
            foreach (var relative in ListSourceFiles(source))
            {
                var from = Path.Combine(source, relative);
                if (!File.Exists(from))
                {
                    // Tracked but deleted in the working tree: the copy mirrors the working tree, not HEAD.
                    continue;
                }

                var to = Path.Combine(root, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to);
                if (!OperatingSystem.IsWindows())
                {
                    // build.sh must stay executable: the tests call it the way a user does.
                    File.SetUnixFileMode(to, File.GetUnixFileMode(from));
                }
                copied++;
            }

            if (!File.Exists(Path.Combine(root, "build.sh")) || !File.Exists(Path.Combine(root, SolutionFile)))
            {
                throw new InvalidOperationException(
                    $"Copied {copied} files from {source} to {root}, but build.sh or {SolutionFile} is missing from the copy.");
            }

            return new RepositoryCopy(root);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>The folder of the current host build, as .build/host.current names it.</summary>
    public string HostFolder => Path.Combine(Root, ".build", File.ReadAllText(Path.Combine(Root, ".build", "host.current")).Trim());

    /// <summary>Runs ./build.sh in the copy with the given arguments and returns its exit code and both streams.</summary>
    public BuildShResult Run(params string[] args) => RunFrom(".", args);

    /// <summary>Runs the copy's build.sh from <paramref name="relativeDirectory"/> (a user calling ../build.sh from a subfolder).</summary>
    public BuildShResult RunFrom(string relativeDirectory, params string[] args)
    {
        var start = StartInfo(Path.Combine(Root, "build.sh"), args);
        start.WorkingDirectory = PathOf(relativeDirectory);
        start.Environment["NO_COLOR"] = "1";
        return Execute(start, args);
    }

    /// <summary>
    /// Runs build.ps1 in the copy under PowerShell, the local dotnet tool the repository's manifest pins
    /// (<c>dotnet tool restore</c> installs it; .ci/run does).
    /// </summary>
    public BuildShResult RunPowerShell(params string[] args)
    {
        var start = StartInfo("dotnet", ["tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-File", Path.Combine(Root, "build.ps1"), .. args]);
        start.Environment["NO_COLOR"] = "1";
        return Execute(start, args);
    }

    /// <summary>
    /// Runs ./build.sh under a pseudo-terminal (util-linux <c>script</c>), as a user at a terminal would, with or
    /// without NO_COLOR. Both streams arrive together on standard output there.
    /// </summary>
    public BuildShResult RunInTerminal(bool noColor, params string[] args)
    {
        var command = string.Join(' ', new[] { "./build.sh" }.Concat(args).Select(Quote));
        var start = StartInfo("script", ["--quiet", "--return", "--command", command, "/dev/null"]);
        start.Environment.Remove("NO_COLOR");
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        return Execute(start, args);
    }

    private ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args) => ChildProcess.StartInfo(fileName, args, Root);

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static BuildShResult Execute(ProcessStartInfo start, string[] args) => ChildProcess.Execute(start, args, "./build.sh");

    /// <summary>A path inside the copy, from '/'-separated parts.</summary>
    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Deletes the copy with everything the tests built in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No {SolutionFile} above {AppContext.BaseDirectory}: run the end-to-end tests from a ModelRelease checkout.");
    }

    private static List<string> ListSourceFiles(string repository)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = repository,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // -z: names with spaces or non-ASCII characters come through unquoted.
        foreach (var arg in new[] { "ls-files", "-z", "--cached", "--others", "--exclude-standard" })
        {
            start.ArgumentList.Add(arg);
        }

        using var git = Process.Start(start) ?? throw new InvalidOperationException("Could not start git.");
        var stdout = git.StandardOutput.ReadToEndAsync();
        var stderr = git.StandardError.ReadToEndAsync();
        if (!git.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            git.Kill(entireProcessTree: true);
            throw new TimeoutException($"git ls-files did not finish within a minute in {repository}.");
        }

        Task.WaitAll(stdout, stderr);
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"git ls-files exited {git.ExitCode} in {repository}: {stderr.Result.Trim()}. The end-to-end tests need git and a git checkout.");
        }

        // --cached and --others can both name a file (e.g. in a merge); copy it once.
        return stdout.Result.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
    }
}
