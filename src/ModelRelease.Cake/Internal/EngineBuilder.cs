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
        IReadOnlyDictionary<string, IPipelineTask> tasks,
        ICakeContext context,
        IPipelineLifetime? lifetime,
        IPipelineTaskLifetime? taskLifetime,
        ICakeLog log)
    {
        var engine = new CakeEngine(new CakeDataService(), log);
        foreach (var definition in catalog.Tasks)
        {
            Register(engine, definition, tasks[definition.Name], catalog.Dependencies[definition.Name], log);
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

    private static void Register(CakeEngine engine, TaskDefinition definition, IPipelineTask task, IEnumerable<string> dependencies, ICakeLog log)
    {
        var builder = engine.RegisterTask(definition.Name);
        if (definition.Description.Length > 0)
        {
            builder.Description(definition.Description);
        }

        foreach (var dependency in dependencies)
        {
            builder.IsDependentOn(dependency);
        }

        builder.Does(task.RunAsync);

        if (definition.Overrides(TaskHooks.ShouldRun))
        {
            builder.WithCriteria(task.ShouldRun, $"{definition.Name}.ShouldRun returned false");
        }

        if (definition.Overrides(TaskHooks.OnError) || definition.ContinueOnError)
        {
            builder.OnError((exception, context) =>
            {
                if (definition.Overrides(TaskHooks.OnError))
                {
                    task.OnError(exception, context);
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
            builder.Finally(task.Finally);
        }
    }
}
