namespace ModelRelease.Cake.Tests.Fixtures;

/// <summary>The result of running a host in-process: exit code and what it wrote.</summary>
public sealed record HostRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs a host over exactly <paramref name="tasks"/>, capturing its output.</summary>
    public static HostRun Of(Action<PipelineHost> configure, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new PipelineHost().UseConsole(output, error);
        configure(host);
        var exitCode = host.Run(args);
        return new HostRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a host with the given task types and the default context.</summary>
    public static HostRun Tasks(Type[] tasks, params string[] args) => Of(h => h.AddTasks(tasks), args);
}
