using System.Runtime.ExceptionServices;
using Cake.Core;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Several lifetimes as the engine's setup and teardown: Cake takes one task setup and one task teardown action, so
/// each is registered once and calls every lifetime, setups in registration order and teardowns in reverse (the
/// first set up is the last torn down, as with nested <c>using</c>s). A teardown runs for each lifetime whose setup
/// was started, the failed one included, as Cake runs teardown after a failed setup; a teardown that throws does not
/// keep the others from running, and the first such failure is rethrown once they all ran.
/// </summary>
internal static class LifetimeChain
{
    public static void Register(
        CakeEngine engine,
        ICakeContext context,
        IReadOnlyList<IPipelineLifetime> lifetimes,
        IReadOnlyList<IPipelineTaskLifetime> taskLifetimes)
    {
        if (lifetimes.Count > 0)
        {
            var started = 0;
            engine.RegisterSetupAction(info => SetUp(lifetimes, ref started, lifetime => lifetime.Setup(context, info)));
            engine.RegisterTeardownAction(info => TearDown(lifetimes, started, lifetime => lifetime.Teardown(context, info)));
        }

        if (taskLifetimes.Count > 0)
        {
            var started = 0;
            engine.RegisterTaskSetupAction(info => SetUp(taskLifetimes, ref started, lifetime => lifetime.Setup(context, info)));
            engine.RegisterTaskTeardownAction(info => TearDown(taskLifetimes, started, lifetime => lifetime.Teardown(context, info)));
        }
    }

    private static void SetUp<T>(IReadOnlyList<T> lifetimes, ref int started, Action<T> setup)
    {
        started = 0;
        foreach (var lifetime in lifetimes)
        {
            started++;
            setup(lifetime);
        }
    }

    private static void TearDown<T>(IReadOnlyList<T> lifetimes, int started, Action<T> teardown)
    {
        ExceptionDispatchInfo? first = null;
        for (var i = started - 1; i >= 0; i--)
        {
            try
            {
                teardown(lifetimes[i]);
            }
            catch (Exception exception)
            {
                first ??= ExceptionDispatchInfo.Capture(exception);
            }
        }

        first?.Throw();
    }
}
