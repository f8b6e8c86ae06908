using System.Diagnostics;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// Runs a command (dotnet, git, a generated repository's build.sh) as a user would: a plain environment without the
/// MSBuild variables `dotnet test` runs us under, no colour, no standard input, both streams captured.
/// </summary>
public static class ChildProcess
{
    // A cold restore and host build on a slow CI runner with an empty NuGet cache can take minutes; never wait forever.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(8);

    // After a command exits its pipes close unless a leftover child still holds them; don't wait forever for that.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>, without colour.</summary>
    public static BuildShResult Run(string fileName, IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = StartInfo(fileName, args, workingDirectory);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Execute(start, args, fileName);
    }

    /// <summary>
    /// How a user would start <paramref name="fileName"/>: a plain environment without the MSBuild variables `dotnet
    /// test` runs us under (they would steer the child's own dotnet build) or MODELRELEASE_* (they would move its root).
    /// </summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> args, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("MODELRELEASE_", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }

    /// <summary>Runs <paramref name="start"/> with no standard input, reading both pipes at once, killed after the call timeout.</summary>
    /// <param name="start">What to run.</param>
    /// <param name="args">The arguments, for the result and messages.</param>
    /// <param name="command">The command as a user types it, e.g. <c>./build.sh</c>, for the result and messages.</param>
    public static BuildShResult Execute(ProcessStartInfo start, IReadOnlyList<string> args, string command)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        process.StandardInput.Close();

        // Read both pipes concurrently: reading one to the end while the child blocks writing the other deadlocks.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var line = $"{command} {string.Join(' ', args)}";
        if (!process.WaitForExit(CallTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException(
                $"{line} did not finish within {CallTimeout.TotalMinutes} minutes in {start.WorkingDirectory}; it was killed. " +
                "A hang here usually means the command waited for input or a child process never exited.");
        }

        if (!Task.WaitAll([stdout, stderr], DrainTimeout))
        {
            throw new TimeoutException(
                $"{line} exited {process.ExitCode}, but its output pipes stayed open for {DrainTimeout.TotalSeconds} s: a background process it started still holds them.");
        }

        return new BuildShResult([.. args], process.ExitCode, stdout.Result, stderr.Result) { Command = command };
    }
}
