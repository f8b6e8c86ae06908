using Cake.Core;
using Cake.Core.IO;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Cake's environment with the host's own working directory and variable overrides. Cake's setter for the working
/// directory changes the whole process's current directory; a host (and parallel tests) must not do that.
/// </summary>
internal sealed class HostEnvironment(ICakeEnvironment inner, DirectoryPath workingDirectory, IReadOnlyDictionary<string, string> overrides) : ICakeEnvironment
{
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
