using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>
/// InstallTool installs a real .NET tool (the cake.tool package, which the tests' build restores anyway) into the
/// working directory before the first task, and Cake's tool locator finds it.
/// </summary>
public sealed class InstallToolTests : IDisposable
{
    private const string CakeTool = "dotnet:?package=cake.tool&version=7.0.0";
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-tools-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string ToolDirectory => Path.Combine(_directory, ".build", "tools", "cake.tool", "7.0.0");

    private (HostRun Run, Journal Journal) Run(string uri, params string[] args)
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => h.UseContext<JournalContext>().AddTask<ResolveToolTask>().UseWorkingDirectory(_directory).InstallTool(uri), [.. args, key]);
        return (run, journal);
    }

    [Fact]
    public void Should_Install_A_Tool_Before_The_First_Task_And_Let_Cake_Resolve_It_Then_Reuse_It()
    {
        var (first, firstJournal) = Run(CakeTool, "--target=Resolve-Tool");
        var (second, secondJournal) = Run(CakeTool, "--target=Resolve-Tool");

        var executable = Path.Combine(ToolDirectory, "dotnet-cake");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"Installing tool cake.tool 7.0.0 into {Path.Combine(".build", "tools", "cake.tool", "7.0.0")}", first.Output);
        Assert.True(first.Output.IndexOf("Installing tool", StringComparison.Ordinal) < first.Output.IndexOf("» Resolve-Tool", StringComparison.Ordinal));
        Assert.Equal(["run " + executable], firstJournal.Entries);
        Assert.True(File.Exists(executable));
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("Installing tool", second.Output);
        Assert.Equal(["run " + executable], secondJournal.Entries);
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(ToolDirectory)!, ".*"));
    }

    [Fact]
    public async Task Should_Let_Two_First_Runs_At_Once_Both_Use_The_Tool()
    {
        // Two CI jobs on one checkout install the same tool at the same time: one rename wins, the other finds it in place.
        var runs = await Task.WhenAll(
            Task.Run(() => Run(CakeTool, "--target=Resolve-Tool")),
            Task.Run(() => Run(CakeTool, "--target=Resolve-Tool")));

        var executable = Path.Combine(ToolDirectory, "dotnet-cake");
        Assert.All(runs, r => Assert.Equal(0, r.Run.ExitCode));
        Assert.All(runs, r => Assert.Equal(["run " + executable], r.Journal.Entries));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(ToolDirectory)!, ".*"));
    }

    [Fact]
    public void Should_Say_What_It_Would_Install_In_A_Dry_Run_And_Install_Nothing()
    {
        var (run, journal) = Run(CakeTool, "--target=Resolve-Tool", "--dryrun");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"would install tool cake.tool 7.0.0 into {Path.Combine(".build", "tools", "cake.tool", "7.0.0")} (dotnet tool install)", run.Output);
        Assert.Equal(["plan none"], journal.Entries);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }

    [Fact]
    public void Should_Fail_Naming_The_Package_When_The_Install_Fails_And_Run_No_Task()
    {
        // A served package that is not a .NET tool: dotnet tool install refuses it.
        var (run, journal) = Run("dotnet:?package=spectre.console&version=0.57.2", "--target=Resolve-Tool");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("error: Could not install the tool spectre.console 0.57.2 (dotnet:?package=spectre.console&version=0.57.2): dotnet tool install exited with 1:", run.Error);
        Assert.Contains("not a .NET tool", run.Error);
        Assert.False(Directory.Exists(Path.Combine(_directory, ".build", "tools", "spectre.console", "0.57.2")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_directory, ".build", "tools", "spectre.console")));
    }

    [Theory]
    [InlineData("cake.tool", "the address does not start with dotnet:")]
    [InlineData("nuget:?package=cake.tool&version=7.0.0", "nuget: packages are not installed by this host")]
    [InlineData("dotnet:?package=cake.tool", "no version of cake.tool is given")]
    [InlineData("dotnet:?package=cake.tool&version=7.*", "'7.*' is not an exact version")]
    [InlineData("dotnet:?version=7.0.0", "no package is given")]
    [InlineData("dotnet:?package=../../etc&version=1.0.0", "'../../etc' is not a package name")]
    [InlineData("dotnet:?package=cake.tool&version=7.0.0&source=http://x", "'source' is not understood")]
    public void Should_Refuse_A_Malformed_Address_As_A_Definition_Error(string uri, string problem)
    {
        var (run, journal) = Run(uri, "--target=Resolve-Tool");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains($"error: The pipeline definition is invalid: InstallTool(\"{uri}\"): {problem}", run.Error);
        Assert.Contains("Write it as dotnet:?package=NAME&version=X", run.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_directory));
    }
}
