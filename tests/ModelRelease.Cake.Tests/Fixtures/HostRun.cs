namespace ModelRelease.Cake.Tests.Fixtures;

/// <summary>The result of running a host in-process: exit code and what it wrote.</summary>
public sealed record HostRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs a host configured by <paramref name="configure"/>, capturing its output.</summary>
    public static HostRun Of(Action<PipelineHost> configure, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new PipelineHost().UseConsole(output, error);
        configure(host);
        var exitCode = host.Run(args);
        return new HostRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs a host over <paramref name="tasks"/> with a <see cref="JournalContext"/> and a fresh journal of what ran.</summary>
    public static (HostRun Run, Journal Journal) Journaled(Type[] tasks, params string[] args)
    {
        var (journal, key) = JournalContext.Open();
        var run = Of(h => h.UseContext<JournalContext>().AddTasks(tasks), [.. args, key]);
        return (run, journal);
    }

    /// <summary>Runs a host with the given task types and the default context.</summary>
    public static HostRun Tasks(Type[] tasks, params string[] args) => Of(h => h.AddTasks(tasks), args);
}
