using Microsoft.Extensions.DependencyInjection;
using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>The host's service container: tasks, lifetimes and the context get their services by constructor.</summary>
public sealed class ServiceTests
{
    private static (HostRun Run, Journal Journal) Run(Action<PipelineHost> configure, params string[] args)
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => configure(h.UseContext<JournalContext>()), [.. args, key]);
        return (run, journal);
    }

    private static void AddNotifier(IServiceCollection services) => services.AddSingleton<INotifier, JournalNotifier>();

    [Fact]
    public void Should_Give_A_Task_Its_Constructor_Services()
    {
        var (run, journal) = Run(h => h.AddTask<AnnounceTask>().ConfigureServices(AddNotifier), "--target=Announce");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["notified: released"], journal.Entries);
    }

    [Fact]
    public void Should_Give_A_Lifetime_Its_Constructor_Services()
    {
        var (run, journal) = Run(h => h.AddTasks(GraphTasks.All).UseLifetime<NotifyingLifetime>().ConfigureServices(AddNotifier), "--target=Clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Clean", "notified: run ended green"], journal.Entries);
    }

    [Fact]
    public void Should_Resolve_The_Users_Services_From_The_Context_And_Keep_The_Hosts_Own()
    {
        var (run, journal) = Run(h => h.AddTask<ResolvesFromContextTask>().ConfigureServices(AddNotifier), "--target=Resolves-From-Context");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["notified: from the context, planned Resolves-From-Context"], journal.Entries);
        Assert.Contains("» Resolves-From-Context", run.Output);
    }

    [Fact]
    public void Should_Resolve_The_Run_Context_As_Its_Type_And_As_ICakeContext()
    {
        var (run, journal) = Run(h => h.AddTask<TakesContextTask>(), "--target=Takes-Context");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["same context: True"], journal.Entries);
    }

    [Fact]
    public void Should_Give_The_Context_Its_Constructor_Services()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(h => h.UseContext<ServiceContext>().AddTask<ServiceContextTask>().ConfigureServices(s => s.AddSingleton<INotifier>(new ListNotifier(journal))), "--target=Service-Context", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["listed: x"], journal.Entries);
    }

    [Fact]
    public void Should_Run_Every_ConfigureServices_Call_In_Order()
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(
            h => h.UseContext<JournalContext>().AddTask<AnnounceTask>()
                .ConfigureServices(AddNotifier)
                .ConfigureServices(s => s.AddSingleton<INotifier>(new ListNotifier(journal))),
            "--target=Announce",
            key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["listed: released"], journal.Entries);
    }

    [Fact]
    public void Should_Refuse_At_Start_Up_A_Task_Needing_A_Service_Nobody_Registered()
    {
        var (run, journal) = Run(h => h.AddTasks(typeof(NeedsUnregisteredTask), typeof(CleanTask)).UseLifetime<RecordingLifetime>().ConfigureServices(AddNotifier), "--target=Needs-Unregistered");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains(
            "error: The pipeline definition is invalid: Task 'Needs-Unregistered' (ModelRelease.Cake.Tests.Fixtures.NeedsUnregisteredTask) takes IUnregistered in its constructor, and no service provides it: register it on the host, e.g. host.ConfigureServices(services => services.AddSingleton<IUnregistered>(…)).",
            run.Error);
    }

    [Fact]
    public void Should_Not_Check_A_Task_That_Does_Not_Run()
    {
        var (run, journal) = Run(h => h.AddTasks(typeof(NeedsUnregisteredTask), typeof(CleanTask)), "--target=Clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Clean"], journal.Entries);
    }

    [Fact]
    public void Should_Refuse_At_Start_Up_A_Lifetime_Needing_A_Service_Nobody_Registered()
    {
        var (run, journal) = Run(h => h.AddTasks(GraphTasks.All).UseLifetime<UnregisteredLifetime>(), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("The lifetime UnregisteredLifetime (ModelRelease.Cake.Tests.Fixtures.UnregisteredLifetime) takes IUnregistered in its constructor", run.Error);
    }

    [Fact]
    public void Should_Refuse_At_Start_Up_A_Registered_Service_That_Cannot_Be_Created()
    {
        var (run, journal) = Run(h => h.AddTasks(GraphTasks.All).ConfigureServices(s => s.AddSingleton<INotifier, NeedsMissingNotifier>()), "--target=Clean");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Empty(journal.Entries);
        Assert.Contains("A service added in ConfigureServices cannot be created", run.Error);
        Assert.Contains("IUnregistered", run.Error);
    }

    [Fact]
    public void Should_Dispose_The_Services_When_The_Run_Ends()
    {
        var before = Volatile.Read(ref JournalNotifier.Disposed);

        var (run, _) = Run(h => h.AddTask<AnnounceTask>().ConfigureServices(AddNotifier), "--target=Announce");

        Assert.Equal(0, run.ExitCode);
        Assert.True(Volatile.Read(ref JournalNotifier.Disposed) > before);
    }

    private sealed class ListNotifier(Journal journal) : INotifier
    {
        public void Notify(string message) => journal.Add("listed: " + message);
    }

    private sealed class NeedsMissingNotifier(IUnregistered missing) : INotifier
    {
        public void Notify(string message) => _ = missing;
    }
}
