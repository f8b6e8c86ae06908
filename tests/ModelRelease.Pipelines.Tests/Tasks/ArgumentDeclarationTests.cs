using ModelRelease.Cake;
using ModelRelease.Pipelines.Tasks;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>
/// The release arguments are declared once (ReleaseArguments) and each stock task lists what it reads: --root and
/// --registry belong to the tasks that open the registry, not to "every task", and a bad value stops the run first.
/// </summary>
public sealed class ArgumentDeclarationTests : IDisposable
{
    private readonly ReleaseHost _host = new();

    public void Dispose() => _host.Dispose();

    private static readonly string[] RegistryTasks = ["Adopt", "Canary", "Configure", "Evaluate", "History", "Image", "InfraValidate", "Label", "MigrateStore", "Promote", "Prune", "Push", "Report", "Rollback", "Status", "Validate", "Verify"];

    [Fact]
    public void Should_List_Root_And_Registry_Under_The_Tasks_That_Open_The_Registry()
    {
        var run = _host.Run("--help");

        run.AssertExit(0);
        var lines = run.Out.Split('\n');
        // An argument's block: its line and the lines help wraps its meanings and "read by" lists onto, up to the next argument
        List<string> Block(string name) => lines.SkipWhile(l => !l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal))
            .Take(1).Concat(lines.SkipWhile(l => !l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal)).Skip(1).TakeWhile(l => !l.StartsWith("  --", StringComparison.Ordinal))).ToList();
        var root = Block("--root");
        var registry = Block("--registry");
        var rootReaders = string.Join(" ", root.TakeWhile(l => !l.Contains("the demo directory", StringComparison.Ordinal)));
        var registryReaders = string.Join(" ", registry);
        // Every task that opens the registry is named, however many lines help wraps the list onto
        Assert.All(RegistryTasks, task => Assert.Contains(task, rootReaders, StringComparison.Ordinal));
        Assert.All(RegistryTasks, task => Assert.Contains(task, registryReaders, StringComparison.Ordinal));
        // The Demo reads --root with its own meaning, and no --registry
        Assert.Contains(root, l => l.Contains("the demo directory (default ./demo-release)", StringComparison.Ordinal) && l.Contains("read by Demo", StringComparison.Ordinal));
        Assert.DoesNotContain("Demo", registryReaders, StringComparison.Ordinal);
        Assert.DoesNotContain("read by every task", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Refuse_Registry_For_The_Demo_Which_Does_Not_Read_It()
    {
        var refused = _host.Run("--target=Demo", "--registry=other.db", "--dryrun");
        var accepted = _host.Run("--target=Demo", "--root=demo", "--dryrun");

        refused.AssertExit(ExitCodes.UsageError);
        Assert.Contains("--registry is not read by any task that runs for target Demo (it is read by Adopt, Analyze, Canary, Configure, Evaluate, ExportMetrics, History, Image, InfraValidate, Label, MigrateStore, Promote, Prune, Push, Report, Rollback, Status, Validate, Verify)", refused.Error, StringComparison.Ordinal);
        accepted.AssertExit(ExitCodes.Success);
        Assert.Contains(Path.Combine(_host.WorkDirectory, "demo"), accepted.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Refuse_A_Bad_Weight_Before_Validate_Runs()
    {
        // Given a release of a candidate (Validate, Push) and its canary in one run, with a weight out of range
        var run = _host.Run(
            "--target=Push", "--target=Canary", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--weight=150");

        // Then it is a usage error before any task: no Validate verdict, no root, no store
        run.AssertExit(ExitCodes.UsageError);
        Assert.Contains("--weight=150 is not valid: give a whole number from 1 to 99, e.g. --weight=10.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Validate", run.Out, StringComparison.Ordinal);
        Assert.Equal("no serving root", _host.Snapshot());
    }

    [Fact]
    public void Should_Refuse_A_Reserved_Version_Name_For_Push_Before_Validate_Runs()
    {
        // Push's --version names a new version, so its declaration refuses a word --to and --label read otherwise
        var run = _host.Run("--target=Push", "--model=mnist", $"--artifact={_host.Artifact("v1")}", ReleaseHost.Metrics(0.9, 50), "--version=golden");

        run.AssertExit(ExitCodes.UsageError);
        Assert.Contains("--version: version name 'golden' is reserved", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Validate", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Give_Every_Stock_Task_Declarations_From_ReleaseArguments()
    {
        // The name, type and range are written once: a task's declaration is the shared one, maybe with its own meaning
        Assert.Equal(ReleaseArguments.Weight.Default, CanaryTask.Weight.Default);
        Assert.NotEqual(ReleaseArguments.Weight.Description, CanaryTask.Weight.Description);
        Assert.Same(ReleaseArguments.Root, ReleaseTask.Root);
        Assert.Same(ReleaseArguments.Registry, StatusTask.Registry);
        Assert.True(PushTask.Artifact.IsRequired);
        Assert.False(ValidateTask.Artifact.IsRequired);
    }
}
