using System.Diagnostics;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// Runs a command (dotnet, git, a generated repository's build.sh) as a user would: a plain environment without the
/// MSBuild variables `dotnet test` runs us under, no colour, no standard input, both streams captured.
/// </summary>
public static class ChildProcess
{
    // A cold restore and host build on a slow CI runner can take minutes; never wait forever for one.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static BuildShResult Run(string fileName, IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
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

        // MSBuild's variables from `dotnet test` would steer the child's own dotnet build; MODELRELEASE_* would move its root.
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || name.StartsWith("MODELRELEASE_", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var command = $"{fileName} {string.Join(' ', args)}";
        if (!process.WaitForExit(CallTimeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{command} did not finish within {CallTimeout.TotalMinutes} minutes in {workingDirectory}; it was killed.");
        }

        if (!Task.WaitAll([stdout, stderr], DrainTimeout))
        {
            throw new TimeoutException($"{command} exited {process.ExitCode}, but a process it started kept its output open for {DrainTimeout.TotalSeconds} s.");
        }

        return new BuildShResult(args, process.ExitCode, stdout.Result, stderr.Result) { Command = fileName };
    }
}
