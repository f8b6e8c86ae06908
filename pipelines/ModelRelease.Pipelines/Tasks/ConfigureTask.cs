using ModelRelease.Cake;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Sets (<c>--serving-path=/models</c>) or clears (<c>--clear</c>) the path the model server sees the serving root
/// at, kept in the root's <c>.modelrelease/settings.json</c>, and rewrites models.config under it through the
/// registry's sync; without either it prints the settings. It changes no version or label, so it records no
/// execution.
/// </summary>
[TaskName("Configure")]
[TaskDescription("Set the serving root's path as the model server sees it (--serving-path=/models), or --clear it; rewrites models.config")]
public class ConfigureTask : PipelineTask<ReleaseContext>
{
    /// <summary><c>--serving-path</c>: the path to set.</summary>
    public static readonly Argument<string?> ServingPath = ReleaseArguments.ServingPath;

    /// <summary><c>--clear</c>: go back to the root's own path.</summary>
    public static readonly Argument<bool> Clear = ReleaseArguments.Clear.WithDescription("go back to the root's own path in models.config");

    /// <summary><c>--root</c>: the root to configure.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store whose models are rewritten.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override void Run(ReleaseContext context)
    {
        var (current, next) = Change(context);
        var path = RootSettings.PathIn(context.Root);
        if (next is null)
        {
            context.Console.WriteLine(current.ServingPath is { } servingPath
                ? $"models.config of {context.Root} names it as {servingPath} (set in {path})."
                : $"models.config of {context.Root} names it by its own path; no serving path is set. Set one with --serving-path=/models.");
            return;
        }

        if (next == current)
        {
            context.Console.WriteLine($"The serving path of {context.Root} is already {Describe(next)}; nothing to do.");
            return;
        }

        next.Save(context.Root);
        using var registry = context.OpenRegistry(next);
        var synced = HasModels(registry);
        if (synced)
        {
            registry.Sync();
        }

        context.Console.MarkupLineInterpolated($"Serving path of [bold]{context.Root}[/] set to [bold]{Describe(next)}[/] (was {Describe(current)}){(synced ? "; models.config rewritten" : "; models.config follows with the first release")}.");
    }

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        var (current, next) = Change(context);
        if (next is null || next == current)
        {
            return;
        }

        RootSettings.RequireRoot(context.Root);
        plan.Write(RootSettings.PathIn(context.Root), $"serving path {Describe(next)}, was {Describe(current)}");
        if (HasModels(context.ModelRegistry))
        {
            plan.Write(context.ModelRegistry.Layout.ModelsConfigPath, $"base_path of each model under {next.ServingPath ?? context.Root}");

            // The rewrite is a sync, which also carries out any clean-up the root needs.
            context.PlanCleanup(plan);
        }
    }

    /// <summary>The settings now, and as the arguments want them (null: only show them).</summary>
    private static (RootSettings Current, RootSettings? Next) Change(ReleaseContext context)
    {
        if (context.Clear && context.ServingPath is not null)
        {
            throw new PipelineUsageException("Give either --serving-path=<path> (to set it) or --clear (to go back to the root's own path), not both.");
        }

        // A root and its store must belong together before the root's settings are read or written, as for every task.
        _ = context.ModelRegistry;
        var current = RootSettings.Load(context.Root);
        return (current, context.Clear ? current with { ServingPath = null }
            : context.ServingPath is { } servingPath ? current with { ServingPath = servingPath }
            : null);
    }

    private static bool HasModels(ModelRegistry registry)
    {
        using var reader = registry.Store.Read();
        return reader.Models().Count > 0;
    }

    private static string Describe(RootSettings settings) => settings.ServingPath ?? "the root's own path";
}
