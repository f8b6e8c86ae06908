using Cake.Core;

namespace ModelRelease.Cake.Tests.Fixtures;

/// <summary>A service a team would register: here, where notifications go.</summary>
public interface INotifier
{
    void Notify(string message);
}

public sealed class JournalNotifier(ICakeContext context) : INotifier, IDisposable
{
    public static int Disposed;

    public void Notify(string message) => ((JournalContext)context).Journal.Add("notified: " + message);

    public void Dispose() => Interlocked.Increment(ref Disposed);
}

public interface IUnregistered
{
}

[TaskName("Announce")]
public sealed class AnnounceTask(INotifier notifier) : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => notifier.Notify("released");
}

[TaskName("Needs-Unregistered")]
public sealed class NeedsUnregisteredTask(INotifier notifier, IUnregistered missing) : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add($"{notifier}{missing}");
}

[TaskName("Resolves-From-Context")]
public sealed class ResolvesFromContextTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context)
    {
        var notifier = (INotifier?)context.ServiceProvider.GetService(typeof(INotifier));
        // PlannedTasks comes from the host's own RunOptions, which the same container holds.
        notifier!.Notify($"from the context, planned {string.Join(",", context.PlannedTasks)}");
    }
}

[TaskName("Takes-Context")]
public sealed class TakesContextTask(JournalContext typed, ICakeContext untyped) : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) =>
        context.Journal.Add($"same context: {ReferenceEquals(typed, context) && ReferenceEquals(untyped, context)}");
}

public sealed class NotifyingLifetime(INotifier notifier) : PipelineLifetime<JournalContext>
{
    public override void Teardown(JournalContext context, ITeardownContext info) => notifier.Notify("run ended " + (info.Successful ? "green" : "red"));
}

public sealed class UnregisteredLifetime(IUnregistered missing) : PipelineLifetime<JournalContext>
{
    public override void Setup(JournalContext context, ISetupContext info) => context.Journal.Add(missing.ToString()!);
}

/// <summary>A context that takes a service besides the engine's context.</summary>
[TaskArgument("journal", "test journal key")]
public sealed class ServiceContext(ICakeContext context, INotifier notifier) : PipelineContext(context)
{
    public INotifier Notifier { get; } = notifier;
}

[TaskName("Service-Context")]
public sealed class ServiceContextTask : PipelineTask<ServiceContext>
{
    public override void Run(ServiceContext context) => context.Notifier.Notify("x");
}
