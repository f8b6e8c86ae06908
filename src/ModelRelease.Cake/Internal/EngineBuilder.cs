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
        IPipelineLifetime? lifetime,
        IPipelineTaskLifetime? taskLifetime,
        ICakeLog log)
    {
        var engine = new CakeEngine(new CakeDataService(), log);
        foreach (var definition in catalog.Tasks)
        {
            Register(engine, definition, tasks, catalog.Dependencies[definition.Name], log);
        }

        if (lifetime is not null)
        {
            engine.RegisterSetupAction(info => lifetime.Setup(context, info));
            engine.RegisterTeardownAction(info => lifetime.Teardown(context, info));
        }

        if (taskLifetime is not null)
        {
            engine.RegisterTaskSetupAction(info => taskLifetime.Setup(context, info));
            engine.RegisterTaskTeardownAction(info => taskLifetime.Teardown(context, info));
        }

        return engine;
    }

    private static void Register(CakeEngine engine, TaskDefinition definition, TaskInstances tasks, IEnumerable<string> dependencies, ICakeLog log)
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

        if (definition.Overrides(TaskHooks.ShouldRun))
        {
            builder.WithCriteria(context => Task().ShouldRun(context), $"{definition.Name}.ShouldRun returned false");
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
}
