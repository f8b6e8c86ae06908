using System.Diagnostics;
using Cake.Core;
using FilePath = Cake.Core.IO.FilePath;
using Path = System.IO.Path;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Installs the host's tools (<c>InstallTool</c>) before the first task with <c>dotnet tool install --tool-path</c>,
/// each into <c>.build/tools/&lt;name&gt;/&lt;version&gt;</c> under the working directory, and registers its
/// executables with Cake's tool locator, so <c>context.Tools.Resolve("dotnet-cake")</c> and Cake's aliases find it.
/// A tool already there is not installed again. It is installed into a staging directory renamed into place, so an
/// interrupted install leaves no half tool behind, and two runs installing at once both end with one whole tool.
/// A dry run installs nothing: it says what it would install, and uses a tool that is already there.
/// </summary>
internal static class DotNetToolInstaller
{
    public static async Task InstallAsync(
        IReadOnlyList<ToolPackage> tools,
        ICakeContext context,
        HostConsole console,
        StandardOutput standardOutput,
        bool dryRun,
        bool quiet)
    {
        void Say(string text, string style)
        {
            // Standard output may carry a task's data (JSON for jq); then the host's own lines go to standard error.
            if (standardOutput.IsClaimedForData)
            {
                console.Error.WriteLine(text);
            }
            else
            {
                console.Out.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
            }
        }

        var workingDirectory = context.Environment.WorkingDirectory.FullPath;
        foreach (var tool in tools)
        {
            var directory = tool.Directory(workingDirectory);
            var shown = Path.GetRelativePath(workingDirectory, directory);
            if (!System.IO.Directory.Exists(directory))
            {
                if (dryRun)
                {
                    Say($"  would install tool {tool} into {shown} (dotnet tool install)", "blue");
                    continue;
                }

                if (!quiet)
                {
                    Say($"Installing tool {tool} into {shown}", "grey");
                }

                await InstallAsync(tool, directory, workingDirectory).ConfigureAwait(false);
            }

            foreach (var executable in Executables(directory))
            {
                context.Tools.RegisterFile(new FilePath(executable));
            }
        }
    }

    /// <summary>The tool's commands: dotnet writes one launcher per command at the top of the tool path.</summary>
    private static IEnumerable<string> Executables(string directory) =>
        System.IO.Directory.EnumerateFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal);

    private static async Task InstallAsync(ToolPackage tool, string directory, string workingDirectory)
    {
        var staging = Path.Combine(Path.GetDirectoryName(directory)!, $".{Path.GetFileName(directory)}.{Guid.NewGuid():N}.partial");
        try
        {
            var (exitCode, output) = await RunDotNetAsync(workingDirectory, "tool", "install", tool.Id, "--version", tool.Version, "--tool-path", staging).ConfigureAwait(false);
            if (exitCode != 0)
            {
                var said = string.Join(" ", output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(5));
                throw new CakeException(
                    $"Could not install the tool {tool} ({tool.Uri}): dotnet tool install exited with {exitCode}: {said} " +
                    "Check the package name and version, and that a NuGet feed serving it is configured (nuget.config).");
            }

            try
            {
                System.IO.Directory.Move(staging, directory);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException && System.IO.Directory.Exists(directory))
            {
                // Another run installed the same tool meanwhile; its copy is whole, as this one is. (Linux reports a
                // taken directory as UnauthorizedAccessException, other systems as IOException.)
            }
        }
        finally
        {
            if (System.IO.Directory.Exists(staging))
            {
                System.IO.Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunDotNetAsync(string workingDirectory, params string[] arguments)
    {
        // The SDK that runs this host, when it says which; otherwise the one on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(host is { Length: > 0 } && File.Exists(host) ? host : "dotnet")
        {
            // From the working directory, so the repository's nuget.config (its feeds) applies.
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new CakeException($"Could not start {start.FileName} to install a tool ({exception.Message}): put the .NET SDK on PATH.");
        }

        using var process = started ?? throw new CakeException($"Could not start {start.FileName} to install a tool: put the .NET SDK on PATH.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        return (process.ExitCode, (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)));
    }
}
