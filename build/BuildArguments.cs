using System.Text.RegularExpressions;
using ModelRelease.Cake;

namespace Build;

/// <summary>The arguments of this repository's own tasks, each declared once; the tasks that read one declare it.</summary>
public static partial class BuildArguments
{
    /// <summary><c>--configuration</c>: Debug or Release.</summary>
    public static Argument<string> Configuration { get; } = Argument.Choice("configuration", "build configuration", ["Debug", "Release"], "Debug");

    /// <summary><c>--filter</c>: a dotnet test filter expression.</summary>
    public static Argument<string?> Filter { get; } = Argument.Text("filter", "dotnet test filter").WithExample("FullyQualifiedName~Parser");

    /// <summary><c>--runs</c>: runs per command for the bootstrap benchmark.</summary>
    public static Argument<int> Runs { get; } = Argument.Int32("runs", "runs per command", 7).Between(5, 1000);

    /// <summary><c>--package-version</c>: the version Pack gives the packages, in NuGet's SemVer 2 shape; default the one in Directory.Build.props.</summary>
    public static Argument<string?> PackageVersion { get; } = Argument.Text("package-version", "the packages' version (default: Version in Directory.Build.props)")
        .WithExample("0.2.0-beta.1")
        // A typo must not reach dotnet pack, which would fail later with a vaguer message.
        .Check(version => PackageVersionPattern().IsMatch(version!)
            ? null
            : $"'{version}' is not a package version: give major.minor.patch with an optional pre-release, e.g. 0.2.0 or 0.2.0-beta.1");

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")]
    private static partial Regex PackageVersionPattern();
}
