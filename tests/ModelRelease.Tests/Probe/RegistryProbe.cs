namespace ModelRelease.Tests.Probe;

/// <summary>
/// The test assembly doubles as a small program, so tests can run registry changes in real separate processes:
/// several at once, or one that stops at a named point of a change and waits there to be killed with SIGKILL.
/// <c>dotnet ModelRelease.Tests.dll push ROOT MODEL ARTIFACT [HANG_AT READY_FILE]</c> or
/// <c>… label ROOT MODEL LABEL VERSION [HANG_AT READY_FILE]</c> or <c>… prune ROOT MODEL KEEP [HANG_AT READY_FILE]</c>.
/// With a third hang argument RELEASE_FILE it goes on once that file exists instead of waiting forever (a test
/// restarts the server while the step is in flight). The store is <c>$MODELRELEASE_PROBE_REGISTRY</c> when set (a
/// PostgreSQL connection string whose password comes from a variable it names, so no secret is on a command line),
/// else <c>ROOT/registry.db</c>. The test host never calls this entry point.
/// </summary>
public static class RegistryProbe
{
    public static readonly GitProvenance Git =
        new("89abcdef0123456789abcdef0123456789abcdef", "main", false, false, null, null, GitProvenanceSource.Repository);

    public static int Main(string[] args)
    {
        try
        {
            return args switch
            {
                ["push", var root, var model, var artifact, .. var hang] => Push(root, model, artifact, hang),
                ["label", var root, var model, var label, var version, .. var hang] => Label(root, model, label, version, hang),
                ["prune", var root, var model, var keep, .. var hang] => Prune(root, model, int.Parse(keep, System.Globalization.CultureInfo.InvariantCulture), hang),
                _ => Usage(),
            };
        }
        catch (Exception error)
        {
            // The store's own errors are messages for users; anything else is a bug, shown whole.
            Console.Error.WriteLine(error is RegistryException ? error.Message : error.ToString());
            return 1;
        }
    }

    private static int Push(string root, string model, string artifact, string[] hang)
    {
        using var registry = Open(root, hang);
        var version = registry.Push(new PushRequest(model, artifact) { Git = Git, DatasetVersion = "probe" }).Version;
        Console.WriteLine($"{version.Name} {version.Number}");
        return 0;
    }

    private static int Label(string root, string model, string label, string version, string[] hang)
    {
        using var registry = Open(root, hang);
        registry.SetLabel(model, label, version, new LabelChange("probe"));
        return 0;
    }

    private static int Prune(string root, string model, int keep, string[] hang)
    {
        using var registry = Open(root, hang);
        var plan = registry.Prune(model, keep, "probe");
        Console.WriteLine(string.Join(' ', plan.Removed.Select(v => v.Name)));
        return 0;
    }

    /// <summary>The variable that carries the probe's store (see the class summary).</summary>
    public const string RegistryVariable = "MODELRELEASE_PROBE_REGISTRY";

    private static ModelRegistry Open(string root, string[] hang) =>
        new(root, MetadataStores.Open(Environment.GetEnvironmentVariable(RegistryVariable) is { Length: > 0 } registry ? registry : Path.Combine(root, "registry.db")), new RegistryOptions
        {
            Environment = RunEnvironment.FromProcess(),
            Fault = hang switch
            {
                [var point, var readyFile] => at => HangAt(at, point, readyFile, null),
                [var point, var readyFile, var releaseFile] => at => HangAt(at, point, readyFile, releaseFile),
                _ => _ => { },
            },
        });

    /// <summary>
    /// Says where it stopped, then waits: forever when there is no release file (the test kills the process here, as a
    /// crash or an OOM kill would), else until the test creates it.
    /// </summary>
    private static void HangAt(string at, string point, string readyFile, string? releaseFile)
    {
        if (at != point)
        {
            return;
        }

        File.WriteAllText(readyFile, at);
        if (releaseFile is null)
        {
            Thread.Sleep(Timeout.Infinite);
        }

        while (!File.Exists(releaseFile))
        {
            Thread.Sleep(20);
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: push ROOT MODEL ARTIFACT [HANG_AT READY_FILE [RELEASE_FILE]] | label ROOT MODEL LABEL VERSION [HANG_AT READY_FILE [RELEASE_FILE]] | prune ROOT MODEL KEEP [HANG_AT READY_FILE [RELEASE_FILE]]");
        return 2;
    }
}
