using System.Runtime.ExceptionServices;
using Cake.Core;
using Cake.Core.Diagnostics;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Registers the discovered tasks and lifetimes in Cake's real engine. Optional hooks are registered only when a
/// task overrides them, so the engine's report and criteria behave as for hand-written Cake tasks.
/// </summary>
internal static class EngineBuilder
{
    public static CakeEngine Build(
        TaskCatalog catalog,
        TaskInstances tasks,
        ICakeContext context,
        IReadOnlyList<IPipelineLifetime> lifetimes,
        IReadOnlyList<IPipelineTaskLifetime> taskLifetimes,
        TargetSequence sequence,
        SkipReasons reasons,
        ICakeLog log)
    {
        var engine = new CakeEngine(new CakeDataService(), log);
        foreach (var definition in catalog.Tasks)
        {
            var dependencies = sequence.WithDependencies ? catalog.Dependencies[definition.Name] : [];
            Register(engine, definition, tasks, dependencies, sequence, reasons, log);
        }

        sequence.Register(engine);
        LifetimeChain.Register(engine, context, lifetimes, taskLifetimes);
        return engine;
    }

    private static void Register(
        CakeEngine engine,
        TaskDefinition definition,
        TaskInstances tasks,
        IEnumerable<string> dependencies,
        TargetSequence sequence,
        SkipReasons reasons,
        ICakeLog log)
    {
        IPipelineTask Task() => tasks.Get(definition.Name);

        var builder = engine.RegisterTask(definition.Name);
        if (definition.Description.Length > 0)
        {
            builder.Description(definition.Description);
        }

        foreach (var dependency in dependencies)
        {
            builder.IsDependentOn(dependency);
        }

        builder.Does(context => Task().RunAsync(context));

        if (definition.Overrides(TaskHooks.ShouldRun) || definition.Overrides(TaskHooks.SkipReason))
        {
            builder.WithCriteria(
                context =>
                {
                    var reason = ReasonToSkip(definition, Task(), context);
                    if (reason is null)
                    {
                        return true;
                    }

                    if (sequence.IsTarget(definition.Name) && sequence.Targets.Where(t => !t.Equals(definition.Name, StringComparison.OrdinalIgnoreCase)).All(t => reasons.For(t) is not null))
                    {
                        // As Cake itself refuses (cake-build/cake#106): skipping what was asked for would end green having
                        // done nothing. With several targets, one may skip (a Notify after a release that says "--quiet-chat
                        // given"), as long as another target ran; only the last of them to skip, every other one skipped, fails.
                        throw new CakeException(sequence.Targets.Count == 1
                            ? $"Could not reach target '{definition.Name}': it was skipped ({reason}). A target is never skipped: give another target, or leave out what makes it skip."
                            : $"Could not reach target '{definition.Name}': it was skipped ({reason}), and so was every other target ({string.Join(", ", sequence.Targets.Where(t => !t.Equals(definition.Name, StringComparison.OrdinalIgnoreCase)))}): the run would end having done nothing that was asked for. Give another target, or leave out what makes them skip.");
                    }

                    reasons.Record(definition.Name, reason);
                    return false;
                },
                $"{definition.Name} was skipped");
        }

        if (definition.Overrides(TaskHooks.OnError) || definition.ContinueOnError)
        {
            builder.OnError((exception, context) =>
            {
                if (definition.Overrides(TaskHooks.OnError))
                {
                    try
                    {
                        Task().OnError(exception, context);
                    }
                    catch (Exception hookFailure)
                    {
                        // The task's own failure decides the exit code (a gate's 3 must stay 3); the hook's is only logged.
                        log.Warning("{0}.OnError threw while handling the failure: {1}", definition.Name, hookFailure.Message);
                    }
                }

                if (!definition.ContinueOnError)
                {
                    // Cake treats a handled error as recovered; here OnError is for clean-up, the task still fails.
                    ExceptionDispatchInfo.Capture(exception).Throw();
                }

                log.Warning("Task '{0}' failed and is marked [ContinueOnError]; continuing: {1}", definition.Name, exception.Message);
            });
        }

        if (definition.Overrides(TaskHooks.Finally))
        {
            builder.Finally(context => Task().Finally(context));
        }
    }

    /// <summary>The task's own reason first; a bare ShouldRun that says no gets a generic one.</summary>
    private static string? ReasonToSkip(TaskDefinition definition, IPipelineTask task, ICakeContext context)
    {
        if (definition.Overrides(TaskHooks.SkipReason) && task.SkipReason(context) is { } reason)
        {
            return string.IsNullOrWhiteSpace(reason) ? "SkipReason gave no reason" : reason;
        }

        return definition.Overrides(TaskHooks.ShouldRun) && !task.ShouldRun(context) ? "ShouldRun returned false" : null;
    }
}
