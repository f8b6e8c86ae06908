using System.Runtime.ExceptionServices;
using Cake.Core;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Runs no task body: for each task in order it asks the task for its <see cref="ChangePlan"/> and prints it.
/// Error and finally handlers do not run either, since they may have side effects. Setup and teardown still run,
/// as in Cake; the context tells them it is a dry run.
/// </summary>
internal sealed class DryRunExecutionStrategy(
    TaskCatalog catalog,
    TaskInstances tasks,
    HostConsole console,
    ICakeReportPrinter steps) : IExecutionStrategy
{
    private TaskDefinition? _current;
    private readonly List<(string Task, ChangePlan Plan)> _plans = [];

    /// <summary>Each task's plan, in the order the tasks were planned: the chain's combined plan.</summary>
    public IReadOnlyList<(string Task, ChangePlan Plan)> Plans => _plans;

    public Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        steps.WriteStep(task.Name, global::Cake.Core.Diagnostics.Verbosity.Normal);
        var definition = catalog.Get(task.Name);
        _current = definition;
        if (!definition.Overrides(TaskHooks.Plan))
        {
            console.Out.MarkupLine($"  [grey]would run {Markup.Escape(definition.Name)} (the task does not describe its changes)[/]");
            return Task.CompletedTask;
        }

        var plan = new ChangePlan();
        tasks.Get(definition.Name).Plan(context, plan);
        _plans.Add((definition.Name, plan));
        if (plan.IsEmpty)
        {
            console.Out.MarkupLine("  [grey]would change nothing[/]");
        }

        foreach (var change in plan.Changes)
        {
            CombinedPlanPrinter.WriteChange(console, change, "  ");
        }

        return Task.CompletedTask;
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria) => steps.WriteSkippedStep(task.Name, global::Cake.Core.Diagnostics.Verbosity.Normal);

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) => action(context);

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext context) => action(context);

    public void PerformTaskSetup(Action<ITaskSetupContext> action, ITaskSetupContext taskSetupContext) => action(taskSetupContext);

    public void PerformTaskTeardown(Action<ITaskTeardownContext> action, ITaskTeardownContext taskTeardownContext) => action(taskTeardownContext);

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) => Task.CompletedTask;

    public Task HandleErrorsAsync(Func<Exception, ICakeContext, Task> action, Exception exception, ICakeContext context)
    {
        // A plan that cannot be made is a failed rehearsal: surface it, but run no error handler (it may have
        // side effects). A [ContinueOnError] task's failure would not stop the real run, so it does not stop this one.
        if (_current is { ContinueOnError: true } current)
        {
            console.WriteWarning($"Task '{current.Name}' could not plan and is marked [ContinueOnError]; continuing: {exception.Message}");
            return Task.CompletedTask;
        }

        ExceptionDispatchInfo.Capture(exception).Throw();
        return Task.CompletedTask;
    }

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) => Task.CompletedTask;
}
