using System.Text.RegularExpressions;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// A .NET tool a host installs before the first task, from a Frosting-style address:
/// <c>dotnet:?package=NAME&amp;version=X</c>. The version is required and exact, so every machine and every CI run
/// installs the same tool; the name and version become directory names, so they are checked as NuGet spells them.
/// </summary>
internal sealed partial record ToolPackage(string Id, string Version, string Uri)
{
    /// <summary>Where it is installed: its own directory per name and version under the working directory.</summary>
    public string Directory(string workingDirectory) =>
        Path.Combine(workingDirectory, ".build", "tools", Id.ToLowerInvariant(), Version.ToLowerInvariant());

    public override string ToString() => $"{Id} {Version}";

    /// <exception cref="PipelineDefinitionException">The address is not a <c>dotnet:</c> tool with a package and an exact version.</exception>
    public static ToolPackage Parse(string uri)
    {
        string Fail(string problem) => throw new PipelineDefinitionException(
            $"InstallTool(\"{DisplayText.Escape(uri)}\"): {problem} Write it as dotnet:?package=NAME&version=X, e.g. dotnet:?package=cake.tool&version=7.0.0.");

        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? string.Empty : uri[..colon];
        if (string.Equals(scheme, "nuget", StringComparison.OrdinalIgnoreCase))
        {
            Fail("nuget: packages are not installed by this host (it installs .NET tools with 'dotnet tool install'); for a .NET tool use dotnet:.");
        }

        if (!string.Equals(scheme, "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            Fail("the address does not start with dotnet:.");
        }

        var query = uri[(colon + 1)..];
        query = query.StartsWith('?') ? query[1..] : query;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            var key = at < 0 ? pair : pair[..at];
            if (!string.Equals(key, "package", StringComparison.OrdinalIgnoreCase) && !string.Equals(key, "version", StringComparison.OrdinalIgnoreCase))
            {
                Fail($"'{key}' is not understood; give package and version only.");
            }

            if (!values.TryAdd(key, at < 0 ? string.Empty : System.Uri.UnescapeDataString(pair[(at + 1)..])))
            {
                Fail($"{key} is given twice.");
            }
        }

        var id = values.GetValueOrDefault("package") ?? string.Empty;
        var version = values.GetValueOrDefault("version") ?? string.Empty;
        if (!PackageId().IsMatch(id))
        {
            Fail(id.Length == 0 ? "no package is given." : $"'{id}' is not a package name (letters, digits, '.', '_' and '-', starting with a letter or digit).");
        }

        if (!ExactVersion().IsMatch(version))
        {
            Fail(version.Length == 0
                ? $"no version of {id} is given: without one every run would install whatever is newest that day."
                : $"'{version}' is not an exact version (such as 7.0.0): a range or wildcard would install whatever is newest that day.");
        }

        return new ToolPackage(id, version, uri);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex PackageId();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+){1,3}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex ExactVersion();
}
