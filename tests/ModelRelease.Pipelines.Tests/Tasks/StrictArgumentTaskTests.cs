using ModelRelease.Cake;
using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// A typo'd or half-expanded command line is refused before anything changes: empty values, an argument given twice,
/// paths with control characters or an unexpanded '~' (as arguments or in the environment), and input files that are
/// not regular files of a sane size. Each case leaves the working directory, serving root and store as they were.
/// </summary>
public sealed class StrictArgumentTaskTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    private static string PushArtifact(ReleaseHost host) => $"--artifact={host.Artifact("v2")}";

    /// <summary>The run stopped with <paramref name="exitCode"/>, said <paramref name="expected"/>, and left the tree as <paramref name="before"/>.</summary>
    private void AssertRefused(HostRun run, int exitCode, string expected, string before)
    {
        run.AssertExit(exitCode);
        Assert.Contains(expected, run.Error);
        Assert.Equal(before, _host.WorkSnapshot());
    }

    [Fact]
    public void Should_Exit_2_And_Keep_The_Canary_When_Promote_Gets_An_Empty_Version()
    {
        // Given stable v1 and a canary v2 in progress
        _host.StableV1Then("v2");
        _host.Do("Canary", "--version=v2");
        var before = _host.WorkSnapshot();

        // When Promote is given --version= (an unset $VERSION), which used to promote the canary
        var run = _host.Run("--target=Promote", "--model=mnist", "--version=");

        // Then it is a usage error naming the argument and a right value, and nothing changed
        AssertRefused(run, ExitCodes.UsageError, "--version was given an empty value (an unset shell variable?). Give it a value, e.g. --version=v-20261128-101500, or leave --version out", before);
    }

    [Theory]
    [InlineData("Push", "--version=", "--version was given an empty value")]
    [InlineData("Push", "--root=", "--root was given an empty value (an unset shell variable?). Give it a value, e.g. --root=./serving_model")]
    [InlineData("Push", "--registry=", "--registry was given an empty value")]
    [InlineData("Push", "--reason= ", "--reason was given an empty value")]
    [InlineData("Canary", "--weight=", "--weight was given an empty value (an unset shell variable?). Give it a value, e.g. --weight=10")]
    [InlineData("Prune", "--keep=", "--keep was given an empty value (an unset shell variable?). Give it a value, e.g. --keep=5")]
    public void Should_Exit_2_And_Change_Nothing_When_A_Value_Is_Empty(string target, string argument, string expected)
    {
        // Given stable v1 and a blessed v2
        _host.StableV1Then("v2");
        string[] push = target == "Push" ? [PushArtifact(_host), ReleaseHost.Metrics(0.9, 50)] : [];
        var before = _host.WorkSnapshot();

        // When the target gets an empty value, which used to mean "the default"
        var run = _host.Run([$"--target={target}", "--model=mnist", .. push, argument]);

        // Then the run stops before any task, and the tree is byte for byte as it was
        AssertRefused(run, ExitCodes.UsageError, expected, before);
    }

    [Fact]
    public void Should_Exit_2_When_The_Weight_Is_Given_Twice_With_Different_Values()
    {
        // Given stable v1 and a blessed v2
        _host.StableV1Then("v2");
        var before = _host.WorkSnapshot();

        // When Canary gets --weight=10 --weight=90 (which gave a 90 % canary)
        var run = _host.Run("--target=Canary", "--model=mnist", "--weight=10", "--weight=90");

        // Then neither is used: nothing changed
        AssertRefused(run, ExitCodes.UsageError, "--weight is given more than once, with different values ('10' and '90'). Give it once.", before);
    }

    [Fact]
    public void Should_Accept_The_Same_Value_Given_Twice()
    {
        _host.StableV1Then("v2");

        var run = _host.Run("--target=Canary", "--model=mnist", "--weight=30", "--weight=30");

        run.AssertExit(0);
        using var registry = _host.Open();
        Assert.Equal(30, Assert.Single(registry.Labels("mnist"), l => l.Label == LabelNames.Canary).Weight);
    }

    [Theory]
    [InlineData(ReleaseContext.RootVariable, " ", "MODELRELEASE_ROOT is set but blank. Unset it to use the default (unset MODELRELEASE_ROOT), or set it to a path, e.g. MODELRELEASE_ROOT=/srv/models.")]
    [InlineData(ReleaseContext.RootVariable, "", "MODELRELEASE_ROOT is set but blank.")]
    [InlineData(ReleaseContext.RootVariable, "~/models", "MODELRELEASE_ROOT is '~/models', which starts with '~': the shell did not expand it")]
    [InlineData(ReleaseContext.RootVariable, "models\nsecond", "MODELRELEASE_ROOT holds a control character (U+000A) at position 7")]
    [InlineData(ReleaseContext.RegistryVariable, " ", "MODELRELEASE_REGISTRY is set but blank.")]
    [InlineData(ReleaseContext.RegistryVariable, "~/registry.db", "Write MODELRELEASE_REGISTRY=$HOME/registry.db (or an absolute path).")]
    [InlineData(ReleaseContext.RegistryVariable, "reg\tistry.db", "MODELRELEASE_REGISTRY holds a control character (U+0009) at position 4")]
    public void Should_Exit_2_Naming_The_Variable_When_The_Environment_Holds_A_Bad_Path(string variable, string value, string expected)
    {
        // Given stable v1, and a push of v2 about to run
        _host.StableV1Then();
        var artifact = PushArtifact(_host);
        var before = _host.WorkSnapshot();

        // When the environment variable holds a blank, unexpanded or multi-line value
        var run = _host.RunWith(new Dictionary<string, string> { [variable] = value },
            "--target=Push", "--model=mnist", artifact, ReleaseHost.Metrics(0.9, 50), "--version=v2");

        // Then the run stops naming the variable, and no odd directory (' ', '~', a name with a newline) was made
        AssertRefused(run, ExitCodes.UsageError, expected, before);
    }

    [Theory]
    [InlineData("--root=~/models", "--root is '~/models', which starts with '~': the shell did not expand it (it does not after '=' or inside quotes), so it would be a directory named '~'. Write --root=$HOME/models (or an absolute path).")]
    [InlineData("--root=~other/models", "Write an absolute path.")]
    [InlineData("--root=serving\nmodel", "--root holds a control character (U+000A) at position 8")]
    [InlineData("--registry=~/registry.db", "Write --registry=$HOME/registry.db")]
    [InlineData("--registry=registry.db\u001b[2J", "--registry holds a control character (U+001B) at position 12")]
    [InlineData("--artifact=~/export/v2", "Write --artifact=$HOME/export/v2")]
    [InlineData("--dataset=~/data", "Write --dataset=$HOME/data")]
    public void Should_Exit_2_When_A_Path_Argument_Has_A_Control_Character_Or_An_Unexpanded_Tilde(string argument, string expected)
    {
        // Given stable v1
        _host.StableV1Then();
        string[] artifact = argument.StartsWith("--artifact", StringComparison.Ordinal) ? [] : [PushArtifact(_host)];
        var before = _host.WorkSnapshot();

        // When a push gets the bad path (last, so it replaces nothing else on the command line)
        var run = _host.Run(["--target=Push", "--model=mnist", .. artifact, ReleaseHost.Metrics(0.9, 50), "--version=v2", argument]);

        // Then it is a usage error naming the argument, and nothing was created anywhere
        AssertRefused(run, ExitCodes.UsageError, expected, before);
    }

    [UnixTheory]
    [InlineData("--metrics=/dev/zero", "--metrics file '/dev/zero' is a character device, not a regular file.")]
    [InlineData("--hyperparameters=/dev/zero", "--hyperparameters file '/dev/zero' is a character device, not a regular file.")]
    [InlineData("--metrics=artifacts", "--metrics file 'artifacts' is a directory, not a regular file")]
    public void Should_Exit_1_At_Once_When_An_Input_File_Is_Not_A_Regular_File(string argument, string expected)
    {
        // Given stable v1
        _host.StableV1Then();
        var artifact = PushArtifact(_host);
        var before = _host.WorkSnapshot();

        // When Push is given a device or a directory as an input file (/dev/zero used to fill memory for 27 s)
        string[] metrics = argument.StartsWith("--metrics", StringComparison.Ordinal) ? [] : [ReleaseHost.Metrics(0.9, 50)];
        var run = _host.Run(["--target=Push", "--model=mnist", artifact, .. metrics, "--version=v2", argument]);

        // Then it fails as a bad --metrics file does, naming the file and what it is, and stores nothing
        AssertRefused(run, ExitCodes.TaskFailed, expected, before);
    }

    [UnixFact]
    public void Should_Exit_1_Without_Blocking_When_The_Metrics_File_Is_A_Fifo()
    {
        // Given stable v1 and a named pipe where the metrics should be (opening it would wait for a writer forever);
        // it lives outside the working directory, so that the snapshot, which reads every file, does not open it
        _host.StableV1Then();
        var artifact = PushArtifact(_host);
        var pipes = Directory.CreateTempSubdirectory("modelrelease-fifo-").FullName;
        var fifo = Path.Combine(pipes, "metrics.json");
        SpecialFiles.MakeFifo(fifo);
        var before = _host.WorkSnapshot();

        try
        {
            // When Push reads it
            var run = _host.Run("--target=Push", "--model=mnist", artifact, $"--metrics={fifo}", "--version=v2");

            // Then it is refused before it is opened
            AssertRefused(run, ExitCodes.TaskFailed, $"--metrics file '{fifo}' is a named pipe (FIFO), not a regular file", before);
        }
        finally
        {
            Directory.Delete(pipes, recursive: true);
        }
    }

    [Fact]
    public void Should_Exit_1_And_Store_Nothing_When_The_Metrics_File_Is_Over_The_Limit()
    {
        // Given stable v1 and a 20 MB metrics file (valid JSON, so only its size is wrong)
        _host.StableV1Then();
        var artifact = PushArtifact(_host);
        var file = Path.Combine(_host.WorkDirectory, "artifacts", "metrics.json");
        using (var writer = File.CreateText(file))
        {
            writer.Write("{\"accuracy\": 0.9, \"latency_p99_ms\": 50, \"padding\": \"");
            writer.Write(new string('x', 20 * 1024 * 1024));
            writer.Write("\"}");
        }

        var before = _host.WorkSnapshot();

        // When Push is given it
        var run = _host.Run("--target=Push", "--model=mnist", artifact, "--metrics=artifacts/metrics.json", "--version=v2");

        // Then it is refused by size, and no version, verdict or file was stored
        run.AssertExit(ExitCodes.TaskFailed);
        Assert.Contains("--metrics file 'artifacts/metrics.json' is too large", run.Error);
        Assert.Contains("the limit is 1048576 bytes (1 MiB)", run.Error);
        Assert.Equal(before, _host.WorkSnapshot());
    }

    [UnixFact]
    public void Should_Exit_2_Before_Any_Task_When_The_Policy_File_Is_A_Device()
    {
        _host.StableV1Then();
        var before = _host.WorkSnapshot();

        var run = _host.Run("--target=Canary", "--model=mnist", "--policy=/dev/zero");

        // The policy file is read with the arguments, so it is a usage error before any task runs.
        AssertRefused(run, ExitCodes.UsageError, "--policy: Release policy file '/dev/zero' is a character device, not a regular file.", before);
    }
}
