using Cake.Core;
using Cake.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Runs the targets on Cake's engine, for real or as a dry run (the only difference is the execution strategy),
/// then prints the report and returns the exit code.
/// </summary>
internal static class EngineRunner
{
    public static async Task<int> RunAsync(
        HostConfiguration host,
        TaskCatalog catalog,
        IReadOnlyList<ToolPackage> tools,
        CommandLine commandLine,
        TargetSequence sequence,
        HostConsole console)
    {
        var log = new PipelineLog(console, commandLine.Verbosity);
        var standardOutput = new StandardOutput();
        if (console.Job.Writer is { } commands)
        {
            commands.OutputCarriesData = () => standardOutput.IsClaimedForData;
        }

        var holder = new RunContextHolder();
        await using var provider = HostServiceProvider.Build(host, console.Out, new RunOptions(commandLine.DryRun, sequence.Targets, sequence.Planned) { Arguments = [.. host.ContextArguments, .. sequence.Planned.SelectMany(task => catalog.Get(task).Arguments)] }, standardOutput, holder, console.Job);
        // One scope per run: a service registered as scoped lives as long as the run, and is disposed with it.
        await using var scope = provider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        host.CheckConstructors(services, sequence.Planned.Select(catalog.Get));
        var cakeContext = CakeContextFactory.Create(log, CakeArgumentsOf(commandLine, sequence.Targets), host.WorkingDirectory, host.EnvironmentOverrides, services);
        var context = host.CreateContext(services, cakeContext);
        holder.Context = context;
        var tasks = new TaskInstances(catalog, type => HostConfiguration.CreateTask(services, type));
        var reasons = new SkipReasons();
        var engine = EngineBuilder.Build(catalog, tasks, context, host.CreateLifetimes(services), host.CreateTaskLifetimes(services), sequence, reasons, log);

        var steps = new StepPrinter(console, log, standardOutput, reasons);
        var rehearsal = commandLine.DryRun ? new DryRunExecutionStrategy(catalog, tasks, console, steps) : null;
        IExecutionStrategy strategy = rehearsal ?? (IExecutionStrategy)new DefaultExecutionStrategy(log, steps);
        var recording = new RecordingExecutionStrategy(strategy, commandLine.DryRun ? TaskStatus.Planned : TaskStatus.Executed, sequence, reasons, engine.Tasks, console.Job);
        var settings = sequence.Settings();

        if (commandLine.DryRun)
        {
            console.Out.MarkupLine("[blue]Dry run[/]: each task prints what it would change; nothing is changed.");
        }

        // Before setup: a lifetime may use a tool as much as a task may.
        await DotNetToolInstaller.InstallAsync(tools, cakeContext, console, standardOutput, commandLine.DryRun, log.Verbosity == Verbosity.Quiet).ConfigureAwait(false);

        var exitCode = ExitCodes.Success;
        try
        {
            await engine.RunTargetAsync(context, recording, settings).ConfigureAwait(false);
            if (rehearsal is not null)
            {
                CombinedPlanPrinter.Print(console, rehearsal.Plans);
            }
        }
        catch (Exception exception)
        {
            exitCode = ExceptionClassifier.ExitCodeFor(exception);
            Report(console, log, recording, exception, exitCode);
        }

        if (!standardOutput.IsClaimedForData)
        {
            ReportPrinter.Print(console, log.Verbosity, recording.Outcomes);
        }

        return exitCode;
    }

    private static void Report(HostConsole console, ICakeLog log, RecordingExecutionStrategy recording, Exception exception, int exitCode)
    {
        var cause = ExceptionClassifier.Unwrap(exception);
        // Name the task when one failed; setup, teardown and the engine's own refusals speak for themselves.
        var failed = recording.Outcomes.LastOrDefault(o => o.Status == TaskStatus.Failed)?.Name;
        var verb = exitCode == ExitCodes.GateRejected ? "rejected" : "failed";
        console.WriteError(failed is null ? cause.Message : $"Task '{failed}' {verb}: {cause.Message}", failed is null ? null : $"Task '{failed}' {verb}");
        if (log.Verbosity >= Verbosity.Diagnostic)
        {
            console.Error.WriteLine(cause.ToString());
        }
    }

    /// <summary>Cake aliases read arguments from the context; pass the host's own switches too, as Cake does.</summary>
    private static IEnumerable<KeyValuePair<string, string>> CakeArgumentsOf(CommandLine commandLine, IReadOnlyList<string> targets)
    {
        foreach (var target in targets)
        {
            yield return new("target", target);
        }

        if (commandLine.DryRun)
        {
            yield return new("dryrun", "true");
        }

        foreach (var argument in commandLine.TaskArguments)
        {
            yield return argument;
        }
    }
}
