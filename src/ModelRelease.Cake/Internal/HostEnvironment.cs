using Cake.Core;
using Cake.Core.IO;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Cake's environment with the host's own working directory and variable overrides. Cake's setter for the working
/// directory changes the whole process's current directory; a host (and parallel tests) must not do that.
/// </summary>
internal sealed class HostEnvironment(ICakeEnvironment inner, DirectoryPath workingDirectory, IReadOnlyDictionary<string, string> overrides) : ICakeEnvironment
{
    /// <summary>The process's environment seen from <paramref name="workingDirectory"/> (default: the current one), overrides first.</summary>
    public static HostEnvironment Create(string? workingDirectory, IReadOnlyDictionary<string, string> overrides)
    {
        var process = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
        return new HostEnvironment(
            process,
            workingDirectory is null ? process.WorkingDirectory : new DirectoryPath(System.IO.Path.GetFullPath(workingDirectory)),
            overrides);
    }

    public DirectoryPath WorkingDirectory { get; set; } = workingDirectory;

    public DirectoryPath UserHomeDirectory => inner.UserHomeDirectory;

    public DirectoryPath ApplicationRoot => inner.ApplicationRoot;

    public ICakePlatform Platform => inner.Platform;

    public ICakeRuntime Runtime => inner.Runtime;

    public DirectoryPath GetSpecialPath(SpecialPath path) => inner.GetSpecialPath(path);

    public string GetEnvironmentVariable(string variable) =>
        overrides.TryGetValue(variable, out var value) ? value : inner.GetEnvironmentVariable(variable);

    public IDictionary<string, string> GetEnvironmentVariables()
    {
        var variables = new Dictionary<string, string>(inner.GetEnvironmentVariables(), StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            variables[name] = value;
        }

        return variables;
    }
}
