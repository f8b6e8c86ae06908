using System.Reflection;
using Cake.Core.Diagnostics;
using ModelRelease.Cake;

namespace ModelRelease.Pipelines;

/// <summary>
/// A task that changes the registry, over a team's own context. Its run is recorded as an execution (task, model,
/// arguments with secrets redacted, actor, host, CI run, outcome) linked to every version it reads or writes, ML
/// Metadata style. The row is written with the run's first change, so a run that changes nothing, a dry run among
/// them, leaves none. The stock tasks derive from <see cref="ReleaseTask"/>, which is this over <see cref="ReleaseContext"/>.
/// </summary>
/// <typeparam name="TContext">The host's context: <see cref="ReleaseContext"/> or a team's context deriving from it.</typeparam>
public abstract class ReleaseTask<TContext> : PipelineTask<TContext>
    where TContext : ReleaseContext
{
    /// <summary><c>--root</c>: every release task opens the registry at the serving root, so each one declares it.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: every release task opens the metadata store, so each one declares it.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <summary>The task's name as the command line spells it.</summary>
    protected string Name => GetType().GetCustomAttribute<TaskNameAttribute>()?.Name ?? GetType().Name;

    /// <inheritdoc />
    public sealed override void Run(TContext context)
    {
        var before = Output.JobReport.Take(context);
        using (var execution = context.ModelRegistry.TrackExecution(Name, context.Model, context.RecordedArguments()))
        {
            try
            {
                Release(context);
            }
            catch (Exception error)
            {
                Finish(context, execution, error is GateRejectedException ? ExecutionOutcome.Rejected : ExecutionOutcome.Failed, error.Message);
                if (error is GateRejectedException rejection)
                {
                    Output.JobReport.Rejected(context, Name, before, rejection);
                }

                throw;
            }

            Finish(context, execution, ExecutionOutcome.Succeeded, null);
        }

        Output.JobReport.Succeeded(context, Name, before, plan: null);
    }

    /// <summary>Does the task's work; what it changes in the registry is linked to this run.</summary>
    protected abstract void Release(TContext context);

    /// <summary>
    /// The task's plan for <c>--dryrun</c>, followed (once per run, and only when the task would change something) by
    /// the clean-up its change would also carry out: a dry run shows every change, the clean-up included.
    /// </summary>
    public sealed override void Plan(TContext context, ChangePlan plan)
    {
        var before = Output.JobReport.Take(context);
        try
        {
            PlanRelease(context, plan);
        }
        catch (GateRejectedException rejection)
        {
            Output.JobReport.Rejected(context, Name, before, rejection);
            throw;
        }

        if (!plan.IsEmpty)
        {
            context.PlanCleanup(plan);
        }

        Output.JobReport.Succeeded(context, Name, before, plan);
    }

    /// <summary>
    /// What <see cref="Release"/> would change, worked out without changing anything. Plan through the context's
    /// commands (<see cref="ReleaseContext.Commands"/>): their plans rehearse the step, so the tasks after this one plan
    /// on the state it would leave, and set the same results (<see cref="ReleaseContext.Pushed"/>, <see cref="ReleaseContext.Released"/>) a real run sets.
    /// </summary>
    protected abstract void PlanRelease(TContext context, ChangePlan plan);

    /// <summary>Keeps a label step this task took (or, in a dry run, planned) as the run's <see cref="ReleaseContext.Released"/>.</summary>
    protected void Released(TContext context, ReleaseStep step)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Results.Set(new ReleaseOutcome(Name, step, context.DryRun));
    }

    private static void Finish(TContext context, ExecutionScope execution, ExecutionOutcome outcome, string? error)
    {
        try
        {
            execution.Complete(outcome, error);
        }
        catch (Exception failure) when (failure is IOException or RegistryException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The change itself is committed; failing to note how the run ended must not hide what the run did.
            context.Log.Warning("Could not record how task run '{0}' ended ({1}); its changes stand.", execution.Task, failure.Message);
        }
    }
}
