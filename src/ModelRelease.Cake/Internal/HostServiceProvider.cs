using Cake.Core;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// The run's service container: the host's own services (console, run options, standard output), the run's context
/// as <see cref="ICakeContext"/> and as its own type, then whatever the host's <c>ConfigureServices</c> calls add, in
/// order (a later registration of a type wins, as in any Microsoft.Extensions.DependencyInjection container).
/// Tasks, lifetimes and the context are created from it, and the context's <see cref="ICakeContext.ServiceProvider"/>
/// is it. It is built with validation on, so a registered service that cannot be created fails at start-up.
/// </summary>
internal static class HostServiceProvider
{
    public static ServiceProvider Build(
        HostConfiguration host,
        IAnsiConsole console,
        RunOptions run,
        StandardOutput standardOutput,
        RunContextHolder context,
        GitHubActionsJob job)
    {
        var services = new ServiceCollection();
        services.AddSingleton(console);
        services.AddSingleton(job);
        services.AddSingleton(run);
        services.AddSingleton(standardOutput);
        services.AddSingleton(_ => context.Context);
        if (host.ContextType != typeof(ICakeContext))
        {
            services.AddSingleton(host.ContextType, _ => context.Context);
        }

        foreach (var configure in host.ServiceConfigurations)
        {
            configure(services);
        }

        try
        {
            return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }
        catch (AggregateException exception)
        {
            var causes = string.Join(" ", exception.InnerExceptions.Select(e => e.Message));
            throw new PipelineDefinitionException(
                $"A service added in ConfigureServices cannot be created: {causes} Register what it needs in ConfigureServices too.");
        }
    }
}
