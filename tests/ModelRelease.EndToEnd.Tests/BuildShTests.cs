namespace ModelRelease.EndToEnd.Tests;

/// <summary>./build.sh on a fresh copy of the repository: the bootstrap's rebuild rule and the host's CLI contract.</summary>
[Collection(BuildHostCollection.Name)]
public sealed class BuildShTests(BuildHostFixture fixture)
{
    [Fact]
    public void Should_Build_Host_On_First_Run_And_Show_Tree()
    {
        // Given a copy with no .build/ folder
        // When ./build.sh --tree runs for the first time
        var result = fixture.FirstRun;

        // Then it builds the host, and the host prints the task graph
        AssertExitCode(0, result);
        Assert.True(result.RebuiltHost, $"The first call should build the host.{Environment.NewLine}{result}");
        AssertShowsTree(result);
        Assert.True(File.Exists(Path.Combine(fixture.HostFolder, "Build.dll")), "The first call should leave Build.dll in the folder .build/host.current names.");
    }

    [Fact]
    public void Should_Not_Rebuild_Host_When_Nothing_Changed()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When ./build.sh --tree runs again
        var result = fixture.Run("--tree");

        // Then the host runs as it is
        AssertExitCode(0, result);
        Assert.False(result.StdErr.Contains("Building", StringComparison.Ordinal), $"Nothing changed, so nothing should build.{Environment.NewLine}{result}");
        AssertShowsTree(result);
    }

    [Fact]
    public void Should_Rebuild_Host_When_A_Source_File_Is_Edited()
    {
        // Given a built host and a source file under src/ that is edited, its mtime past the host's
        fixture.EnsureHostBuilt();
        var source = Directory.EnumerateFiles(fixture.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Order(StringComparer.Ordinal)
            .First();
        var previousHost = fixture.HostFolder;
        var hostTime = File.GetLastWriteTimeUtc(Path.Combine(previousHost, ".stamp"));
        File.AppendAllText(source, "\n// edited\n");
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(source, now > hostTime ? now : hostTime.AddSeconds(1));

        // When ./build.sh --tree runs
        var rebuilt = fixture.Run("--tree");

        // Then it rebuilds the host, and the call after that starts warm again
        AssertExitCode(0, rebuilt);
        Assert.True(rebuilt.RebuiltHost, $"Editing {source} should rebuild the host.{Environment.NewLine}{rebuilt}");
        AssertShowsTree(rebuilt);

        var warm = fixture.Run("--tree");
        AssertExitCode(0, warm);
        Assert.False(warm.RebuiltHost, $"The rebuild should leave the host fresh.{Environment.NewLine}{warm}");

        // and the previous build is left whole for any host still running from it
        Assert.NotEqual(previousHost, fixture.HostFolder);
        Assert.True(File.Exists(Path.Combine(previousHost, "Build.dll")), "A rebuild must not touch the folder a running host may still load from.");
    }

    [Fact]
    public void Should_Reuse_The_Host_When_Only_The_Times_Of_Its_Sources_Changed()
    {
        // Given a built host, and every source given a new time with the same bytes: a fresh clone of the same commit,
        // or a host restored from a CI cache keyed by the hash of the sources
        fixture.EnsureHostBuilt();
        var host = fixture.HostFolder;
        var sources = Directory.EnumerateFiles(fixture.PathOf("src"), "*.cs", SearchOption.AllDirectories).Where(path => !IsBuildOutput(path)).ToList();
        var times = sources.ToDictionary(path => path, File.GetLastWriteTimeUtc);
        var later = DateTime.UtcNow.AddMinutes(5);
        BuildShResult first, second;
        try
        {
            foreach (var source in sources)
            {
                File.SetLastWriteTimeUtc(source, later);
            }

            // When ./build.sh --tree runs, twice
            first = fixture.Run("--tree");
            second = fixture.Run("--tree");
        }
        finally
        {
            // The other tests of the shared copy (build.ps1's among them, which compares times only) see it as it was.
            foreach (var (source, time) in times)
            {
                File.SetLastWriteTimeUtc(source, time);
            }
        }

        // Then neither builds: the same bytes make the same host
        AssertExitCode(0, first);
        AssertExitCode(0, second);
        Assert.False(first.RebuiltHost, $"New times with the same bytes should not rebuild.{Environment.NewLine}{first}");
        Assert.False(second.RebuiltHost, $"{second}");
        Assert.Equal(host, fixture.HostFolder);
        AssertShowsTree(first);
    }

    [Fact]
    public void Should_Rebuild_Host_When_A_Source_File_Is_Added_Or_Deleted()
    {
        // Given a built host
        fixture.EnsureHostBuilt();
        var extra = fixture.PathOf("src/ModelRelease/EndToEndExtra.cs");

        try
        {
            // When a source file is added, then deleted again (no remaining file is newer than the build)
            File.WriteAllText(extra, "namespace ModelRelease;\n\ninternal static class EndToEndExtra\n{\n}\n");
            var added = fixture.Run("--tree");
            File.Delete(extra);
            var deleted = fixture.Run("--tree");

            // Then each change rebuilds the host
            AssertExitCode(0, added);
            AssertExitCode(0, deleted);
            Assert.True(added.RebuiltHost, $"Adding a source file should rebuild.{Environment.NewLine}{added}");
            Assert.True(deleted.RebuiltHost, $"Deleting a source file should rebuild.{Environment.NewLine}{deleted}");
        }
        finally
        {
            File.Delete(extra);
        }
    }

    [Fact]
    public void Should_Rebuild_Host_When_A_Source_File_Is_Replaced_By_An_Older_Copy()
    {
        // Given a built host, and a source file put back with an older time than the build's (a restore from a backup,
        // `cp -p`, an archive), which a "newer than the build" test would miss
        fixture.EnsureHostBuilt();
        var source = Directory.EnumerateFiles(fixture.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Order(StringComparer.Ordinal)
            .Last();
        var hostTime = File.GetLastWriteTimeUtc(Path.Combine(fixture.HostFolder, ".stamp"));
        File.AppendAllText(source, "\n// restored\n");
        File.SetLastWriteTimeUtc(source, hostTime.AddDays(-1));

        // When ./build.sh --tree runs
        var result = fixture.Run("--tree");

        // Then the changed time and size rebuild the host
        AssertExitCode(0, result);
        Assert.True(result.RebuiltHost, $"An older copy of {source} should rebuild the host.{Environment.NewLine}{result}");
        AssertShowsTree(result);
    }

    [Fact]
    public void Should_Record_A_Jit_Profile_Per_Command_Inside_The_Host_Build()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When ./build.sh --tree runs twice: the first run records (or replays) the profile, the second replays it
        var first = fixture.Run("--tree");
        var profile = Path.Combine(fixture.HostFolder, "jit-profiles", "tree.jitprofile");
        var recorded = File.Exists(profile) ? new FileInfo(profile).Length : 0;
        var second = fixture.Run("--tree");

        // Then the profile lives in the host build it describes, and replaying it changes nothing the user sees
        AssertExitCode(0, first);
        AssertExitCode(0, second);
        Assert.True(recorded > 0, $"A warm start should leave a JIT profile at {profile}.");
        Assert.Equal(first.StdOut, second.StdOut);
    }

    [Theory]
    [InlineData("--tree")]
    [InlineData("--target=Nope")]
    [InlineData("-t", "Nope", "--target=Other", "--model=m")]
    [InlineData("--target=../Up/Not_A-Task")]
    public void Should_Record_A_Commands_Jit_Profile_Once_And_Then_Only_Replay_It(params string[] args)
    {
        // Given a built host and a command that has run once, so its profile is recorded (build.sh and the host each
        // name the profile from the arguments; if the two names differed, every run would record it again)
        fixture.EnsureHostBuilt();
        fixture.Run(args);
        var afterFirst = fixture.JitProfileStamps();

        // When the same command runs again
        fixture.Run(args);

        // Then it replays the profile and leaves every profile as it was
        Assert.NotEmpty(afterFirst);
        Assert.Equal(afterFirst, fixture.JitProfileStamps());
    }

    [Fact]
    public void Should_Run_From_A_Subfolder_Of_The_Checkout()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When ../build.sh is called from src/
        var result = fixture.RunFrom("src", "--tree");

        // Then it finds its host and shows the tree without building
        AssertExitCode(0, result);
        Assert.False(result.RebuiltHost, $"Calling from a subfolder must not rebuild.{Environment.NewLine}{result}");
        AssertShowsTree(result);
    }

    [Fact]
    public void Should_Exit_With_Usage_Error_Listing_Targets_When_Target_Is_Unknown()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When the target does not exist
        var result = fixture.Run("--target=Nope");

        // Then it is a usage error that names the target and lists the valid ones
        AssertExitCode(2, result);
        Assert.True(result.StdErr.Contains("Target 'Nope' not found", StringComparison.Ordinal), $"stderr should name the unknown target.{Environment.NewLine}{result}");
        Assert.True(result.StdErr.Contains("Available: Adopt, Analyze, Bench, Canary, Compile, Configure, Demo, Evaluate, ExportMetrics, History, Image, InfraValidate, Label, MigrateStore, Pack, Promote, Prune, Push, Report, Rollback, Serve, Status, Test, Traffic, Validate, Verify.", StringComparison.Ordinal), $"stderr should list the valid targets.{Environment.NewLine}{result}");
    }

    [Fact]
    public void Should_Exit_With_Usage_Error_Naming_Closest_Argument_When_Argument_Is_Unknown()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When an argument is misspelt
        var result = fixture.Run("-t", "Test", "--filtr=x");

        // Then it is a usage error that suggests the argument the user meant, and nothing ran
        AssertExitCode(2, result);
        Assert.True(result.StdErr.Contains("Unknown argument --filtr", StringComparison.Ordinal), $"stderr should name the unknown argument.{Environment.NewLine}{result}");
        Assert.True(result.StdErr.Contains("Did you mean --filter?", StringComparison.Ordinal), $"stderr should suggest --filter.{Environment.NewLine}{result}");
        Assert.False(Directory.Exists(fixture.PathOf("src/ModelRelease/bin")), "A usage error must stop before Compile runs.");
    }

    [Fact]
    public void Should_Print_Help_With_Targets_When_Asked_For_Help()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When --help is passed
        var result = fixture.Run("--help");

        // Then the usage text lists the options and the targets
        AssertExitCode(0, result);
        Assert.True(result.StdOut.Contains("--target", StringComparison.Ordinal), $"Help should explain --target.{Environment.NewLine}{result}");
        Assert.True(result.StdOut.Contains("Compile", StringComparison.Ordinal) && result.StdOut.Contains("Test", StringComparison.Ordinal),
            $"Help should list the targets.{Environment.NewLine}{result}");
    }

    [Fact]
    public void Should_Print_Version_When_Version_Has_No_Value()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When bare --version is passed (with a value it would be a task argument)
        var result = fixture.Run("--version");

        // Then it prints a version and succeeds
        AssertExitCode(0, result);
        Assert.Matches(@"\d+\.\d+", result.StdOut);
    }

    [Fact]
    public void Should_Plan_Compile_Without_Building_When_Dry_Run()
    {
        // Given a built host and the state of src/ before the call
        fixture.EnsureHostBuilt();
        var before = Snapshot(fixture.PathOf("src"));

        // When Compile is rehearsed
        var result = fixture.Run("--dryrun", "--target=Compile");

        // Then it prints the command it would run and its report, and builds nothing
        AssertExitCode(0, result);
        Assert.False(result.RebuiltHost, $"The host was built already; this call must not build anything.{Environment.NewLine}{result}");
        Assert.True(result.StdOut.Contains("would run dotnet build", StringComparison.Ordinal), $"The plan should show the dotnet build command.{Environment.NewLine}{result}");
        Assert.True(result.StdOut.Contains("Planned", StringComparison.Ordinal), $"The report should mark Compile as Planned.{Environment.NewLine}{result}");

        // The host build leaves obj/Release/ intermediates under src/ (its output goes to .build/host-*); a real
        // Compile would add bin/ and obj/Debug/. A dry run must add nothing at all.
        var builtFolders = Directory.EnumerateDirectories(fixture.PathOf("src"), "*", SearchOption.AllDirectories)
            .Where(dir => Path.GetFileName(dir) == "bin" || dir.EndsWith(Path.Combine("obj", "Debug"), StringComparison.Ordinal))
            .ToList();
        Assert.True(builtFolders.Count == 0, $"A dry run must not build, but found: {string.Join(", ", builtFolders)}");
        Assert.Equal(before, Snapshot(fixture.PathOf("src")));
    }

    [Fact]
    public void Should_Colour_Output_At_A_Terminal_Unless_NO_COLOR_Is_Set()
    {
        // Given a built host
        fixture.EnsureHostBuilt();

        // When --tree runs at a terminal, once plain and once with NO_COLOR
        var coloured = fixture.RunInTerminal(noColor: false, "--tree");
        var plain = fixture.RunInTerminal(noColor: true, "--tree");

        // Then only the first has colour escapes (SGR sequences such as ESC[1m), and both show the tree
        AssertExitCode(0, coloured);
        AssertExitCode(0, plain);
        Assert.True(ColourEscape.IsMatch(coloured.StdOut), $"A terminal without NO_COLOR should get colour.{Environment.NewLine}{coloured}");
        Assert.False(ColourEscape.IsMatch(plain.StdOut), $"NO_COLOR must turn colour off.{Environment.NewLine}{plain}");
        Assert.Contains("Compile", plain.StdOut);
    }

    private static readonly System.Text.RegularExpressions.Regex ColourEscape = new(@"\u001b\[[0-9;]*m");

    private static void AssertExitCode(int expected, BuildShResult result) =>
        Assert.True(result.ExitCode == expected, $"Expected exit code {expected}.{Environment.NewLine}{result}");

    private static void AssertShowsTree(BuildShResult result)
    {
        var lines = result.StdOut.Split('\n');
        Assert.True(lines.Any(line => line.StartsWith("Test", StringComparison.Ordinal)), $"The tree should start with Test.{Environment.NewLine}{result}");
        Assert.True(lines.Any(line => line.Contains("└── Compile", StringComparison.Ordinal)), $"The tree should show Compile under Test.{Environment.NewLine}{result}");
    }

    private static bool IsBuildOutput(string path) =>
        path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    // Every file under a folder with its size and mtime: equal snapshots mean nothing was written there.
    private static List<string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => new FileInfo(path))
            .Select(file => $"{Path.GetRelativePath(folder, file.FullName)} {file.Length} {file.LastWriteTimeUtc:O}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
