using ModelRelease.Cake;

namespace Build;

/// <summary>The arguments of this repository's own tasks, each declared once; the tasks that read one declare it.</summary>
public static class BuildArguments
{
    /// <summary><c>--configuration</c>: Debug or Release.</summary>
    public static Argument<string> Configuration { get; } = Argument.Choice("configuration", "build configuration", ["Debug", "Release"], "Debug");

    /// <summary><c>--filter</c>: a dotnet test filter expression.</summary>
    public static Argument<string?> Filter { get; } = Argument.Text("filter", "dotnet test filter").WithExample("FullyQualifiedName~Parser");

    /// <summary><c>--runs</c>: runs per command for the bootstrap benchmark.</summary>
    public static Argument<int> Runs { get; } = Argument.Int32("runs", "runs per command", 7).Between(5, 1000);
}
