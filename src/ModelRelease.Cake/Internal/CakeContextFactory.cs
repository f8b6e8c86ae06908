using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Packaging;
using Cake.Core.Tooling;

namespace ModelRelease.Cake.Internal;

/// <summary>Builds Cake's own context by hand, as Cake's DI container would, so Cake.Common aliases work on it.</summary>
internal static class CakeContextFactory
{
    public static ICakeContext Create(
        ICakeLog log,
        IEnumerable<KeyValuePair<string, string>> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string> environmentOverrides,
        IServiceProvider services)
    {
        var fileSystem = new FileSystem();
        var environment = HostEnvironment.Create(workingDirectory, environmentOverrides);

        var globber = new Globber(fileSystem, environment);
        var configuration = new CakeConfiguration(new Dictionary<string, string>());
        var tools = new ToolLocator(
            environment,
            new ToolRepository(environment),
            new ToolResolutionStrategy(fileSystem, environment, globber, configuration, log));
        var cakeArguments = new CakeArguments(arguments.ToLookup(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase));

        return new CakeContext(
            fileSystem,
            environment,
            globber,
            log,
            cakeArguments,
            new ProcessRunner(fileSystem, environment, log, tools, configuration),
            new WindowsRegistry(),
            tools,
            new CakeDataService(),
            configuration,
            new ToolInstaller(environment, tools, configuration, log, Array.Empty<IPackageInstaller>()),
            services);
    }
}
