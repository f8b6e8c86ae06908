using Cake.Core.Diagnostics;
using ModelRelease.Cake;
using ModelRelease.Pipelines.Demo;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// README's main command: the whole release lifecycle on the bundled sample model, in a fresh directory
/// (<c>./demo-release</c>, or <c>--root</c>) holding a throwaway training repository and a serving root.
/// </summary>
[TaskName("Demo")]
[TaskDescription("Run the whole release lifecycle on the bundled sample model in ./demo-release (or --root)")]
public class DemoTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--root</c>: where the demo runs; the Demo reads no other argument.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root.WithDescription($"the demo directory (default ./{DefaultDirectory})").WithExample("./demo-release");

    /// <summary>Where the demo runs when no --root is given.</summary>
    public const string DefaultDirectory = "demo-release";

    /// <inheritdoc />
    public override void Run(ReleaseContext context)
    {
        var trainer = context.ServiceProvider.GetService(typeof(ISampleTrainer)) as ISampleTrainer ?? throw new RegistryException(
            "The Demo trains the sample model for real and this host registers no trainer for it. Register one in the host: " +
            ".ConfigureServices(services => services.AddSingleton<ISampleTrainer, SentimentSampleTrainer>()) with a reference to pipelines/samples/sentiment/train, as this repository's build/Program.cs does.");
        var directory = Directory(context);
        var workspace = DemoWorkspace.Create(directory);
        context.Console.MarkupLineInterpolated($"Demo directory: {directory}");
        context.Console.MarkupLineInterpolated($"  training repository (throwaway git): {workspace.TrainingRepository}");
        context.Console.MarkupLineInterpolated($"  serving root: {workspace.ServingRoot}");
        var environment = context.RunEnvironmentAt(workspace.TrainingRepository);
        // The Demo releases the model it trains, an ONNX model scored in ONNX Runtime: the trained sample's policy.
        var elapsed = new DemoScript(workspace, trainer, SampleModel.TrainedPolicy, context.Console, environment).Run();
        context.Console.WriteLine();
        // One command a line, so none is wrapped in the middle; the release tasks take the serving root, not the demo directory.
        var root = Shown(workspace.ServingRoot, context.Environment.WorkingDirectory.FullPath);
        context.Console.MarkupLineInterpolated($"Open the report in a browser: {Shown(workspace.ReportPath, context.Environment.WorkingDirectory.FullPath)}");
        context.Console.MarkupLineInterpolated($"[green]Demo finished in {elapsed.TotalSeconds:0.0} s.[/] Look around (the release tasks take the serving root as --root):");
        context.Console.MarkupLineInterpolated($"  ./build.sh -t Status --root={root}");
        context.Console.MarkupLineInterpolated($"  ./build.sh -t History --root={root} --label=stable");
        context.Console.MarkupLineInterpolated($"  ./build.sh -t Verify --root={root}");
        context.Console.MarkupLineInterpolated($"  ./build.sh -t Report --root={root} --out=report.html");
        context.Console.MarkupLineInterpolated($"  ls -l {root}/{SampleModel.Name}");
        context.Console.MarkupLineInterpolated($"  cat {root}/models.config");
        context.Log.Verbose("Demo ran in {0}", directory);
    }

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        var directory = Directory(context);
        plan.Write(directory, DemoWorkspace.HoldsPreviousRun(directory) ? "replacing the previous demo run there" : "a new demo directory");
        plan.Run("git init and 7 trainings (ML.NET, exported as ONNX), each committed, in a throwaway training repository");
        plan.Add(ChangeKind.Record, "evaluate and infra-validate each version in ONNX Runtime, push v1, v2, v4-v7 (v3 is rejected), canary, promote, rollback, label golden and prune, then print Status and History and write the HTML report");
    }

    /// <summary><paramref name="path"/> relative to the working directory when it lies inside it, else as it is.</summary>
    private static string Shown(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }

    private static string Directory(ReleaseContext context) =>
        context.IsRootGiven ? context.Root : Path.GetFullPath(DefaultDirectory, context.Environment.WorkingDirectory.FullPath);
}
