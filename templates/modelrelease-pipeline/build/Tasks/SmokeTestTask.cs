using Cake.Core;
using ModelRelease;
using ModelRelease.Cake;
using ModelRelease.Pipelines.Tasks;
using Spectre.Console;

namespace TeamPipeline.Tasks;

/// <summary>
/// Checks the version Push made in this run before any traffic reaches it: its files are under the serving root,
/// complete, with the model file TF Serving loads, and its numeric serving directory points at them. It depends on
/// Push, so <c>-t SmokeTest</c> pushes first; in a chain it runs between Push and Canary:
/// <c>./build.sh -t Push -t SmokeTest -t Canary ...</c>. A real smoke test would also load the
/// model in your serving image and score a few requests; this is the place for that.
/// </summary>
[TaskName("SmokeTest")]
[IsDependentOn(typeof(PushTask))]
[TaskDescription("Check that the version Push made in this run is complete and servable")]
public sealed class SmokeTestTask : PipelineTask<TeamContext>
{
    private static readonly string[] ModelFiles = ["saved_model.pb", "saved_model.pbtxt"];

    public override void Run(TeamContext context)
    {
        var version = Pushed(context);
        var layout = context.ModelRegistry.Layout;
        var directory = layout.VersionDirectory(version.Model, version.Name);
        if (!Directory.Exists(directory))
        {
            throw new CakeException($"SmokeTest: {version.Model} {version.Name} has no directory {directory}. Run Verify to see what happened to it.");
        }

        var modelFile = ModelFiles.FirstOrDefault(file => File.Exists(Path.Combine(directory, file)))
            ?? throw new CakeException($"SmokeTest: {directory} holds no {string.Join(" or ", ModelFiles)}, so TF Serving cannot load {version.Name}. Do not canary it: push a complete export.");

        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count();
        if (files != version.FileCount)
        {
            throw new CakeException($"SmokeTest: {directory} holds {files} files, but {version.Name} was pushed with {version.FileCount}. Run Verify before releasing it.");
        }

        var serving = layout.ServingPath(version.Model, version.Number);
        if (!Directory.Exists(serving))
        {
            throw new CakeException($"SmokeTest: the serving directory {serving} of {version.Name} is missing. Run Verify --repair, then SmokeTest again.");
        }

        // (In GitHub Actions, Push itself hands the version to the workflow's later steps as step outputs.)
        context.Console.WriteLine($"SmokeTest passed: {version.Model} {version.Name} (serving number {version.Number}) has {modelFile} and its {files} files under {directory}.");
    }

    // In a --dryrun, Pushed is the version Push's plan would create: say what would be checked on it.
    public override void Plan(TeamContext context, ChangePlan plan)
    {
        var version = Pushed(context);
        var directory = context.ModelRegistry.Layout.VersionDirectory(version.Model, version.Name);
        context.Console.WriteLine($"SmokeTest would check {version.Model} {version.Name}: {string.Join(" or ", ModelFiles)} and {version.FileCount} files under {directory}, and serving number {version.Number}.");
    }

    private static ModelVersion Pushed(TeamContext context) =>
        context.Pushed?.Version ?? throw new PipelineUsageException(
            "SmokeTest checks the version Push made in this run, and Push did not run (--exclusive skips it): drop --exclusive, e.g. ./build.sh -t Push -t SmokeTest --model=sentiment --artifact=<dir>.");
}
