using System.Diagnostics;
using Cake.Core;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Wraps the real (or dry-run) strategy and records each task's outcome and duration, so the host can print a
/// report even when the engine throws instead of returning one. The hidden task that orders several targets
/// (<see cref="TargetSequence"/>) stops here: no step, no task lifetime, no row.
/// </summary>
internal sealed class RecordingExecutionStrategy(
    IExecutionStrategy inner,
    TaskStatus successStatus,
    TargetSequence sequence,
    SkipReasons reasons,
    IReadOnlyList<ICakeTaskInfo> registered,
    GitHubActionsJob job) : IExecutionStrategy
{
    private readonly List<TaskOutcome> _outcomes = [];

    public IReadOnlyList<TaskOutcome> Outcomes => _outcomes;

    public async Task ExecuteAsync(CakeTask task, ICakeContext context)
    {
        if (sequence.IsHidden(task.Name))
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        // In a GitHub Actions log each task's output folds into a group named after it.
        job.StartGroup(task.Name);
        try
        {
            await inner.ExecuteAsync(task, context).ConfigureAwait(false);
            _outcomes.Add(new TaskOutcome(task.Name, successStatus, clock.Elapsed));
        }
        catch (Exception)
        {
            _outcomes.Add(new TaskOutcome(task.Name, TaskStatus.Failed, clock.Elapsed));
            throw;
        }
        finally
        {
            job.EndGroup();
        }
    }

    public void Skip(CakeTask task, CakeTaskCriteria criteria)
    {
        inner.Skip(task, criteria);
        _outcomes.Add(new TaskOutcome(task.Name, TaskStatus.Skipped, TimeSpan.Zero, reasons.For(task.Name) ?? criteria.Message));
    }

    public void PerformSetup(Action<ISetupContext> action, ISetupContext context) =>
        inner.PerformSetup(action, sequence.Describe(context, registered));

    public void PerformTeardown(Action<ITeardownContext> action, ITeardownContext context) => inner.PerformTeardown(action, context);

    public void PerformTaskSetup(Action<ITaskSetupContext> action, ITaskSetupContext taskSetupContext)
    {
        if (!sequence.IsHidden(taskSetupContext.Task.Name))
        {
            inner.PerformTaskSetup(action, taskSetupContext);
        }
    }

    public void PerformTaskTeardown(Action<ITaskTeardownContext> action, ITaskTeardownContext taskTeardownContext)
    {
        if (!sequence.IsHidden(taskTeardownContext.Task.Name))
        {
            inner.PerformTaskTeardown(action, taskTeardownContext);
        }
    }

    public Task ReportErrorsAsync(Func<Exception, Task> action, Exception exception) => inner.ReportErrorsAsync(action, exception);

    public Task HandleErrorsAsync(Func<Exception, ICakeContext, Task> action, Exception exception, ICakeContext context) =>
        inner.HandleErrorsAsync(action, exception, context);

    public Task InvokeFinallyAsync(Func<ICakeContext, Task> action, ICakeContext context) => inner.InvokeFinallyAsync(action, context);
}
