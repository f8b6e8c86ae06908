using Cake.Core;

namespace ModelRelease.Cake.Tests.Fixtures;

public abstract class NamedLifetime(string name) : PipelineLifetime<JournalContext>
{
    public override void Setup(JournalContext context, ISetupContext info) => context.Journal.Add("Setup:" + name);

    public override void Teardown(JournalContext context, ITeardownContext info) => context.Journal.Add("Teardown:" + name);
}

public sealed class FirstLifetime() : NamedLifetime("first");

public sealed class SecondLifetime() : NamedLifetime("second");

public sealed class ThirdLifetime() : NamedLifetime("third");

public sealed class ThrowingSetupLifetime() : NamedLifetime("throwing")
{
    public override void Setup(JournalContext context, ISetupContext info)
    {
        base.Setup(context, info);
        throw new InvalidOperationException("cannot reach the registry");
    }
}

public sealed class ThrowingTeardownLifetime() : NamedLifetime("throwing")
{
    public override void Teardown(JournalContext context, ITeardownContext info)
    {
        base.Teardown(context, info);
        throw new InvalidOperationException("cannot close the registry");
    }
}

public abstract class NamedTaskLifetime(string name) : PipelineTaskLifetime<JournalContext>
{
    public override void Setup(JournalContext context, ITaskSetupContext info) => context.Journal.Add($"Before:{name}:{info.Task.Name}");

    public override void Teardown(JournalContext context, ITaskTeardownContext info) => context.Journal.Add($"After:{name}:{info.Task.Name}");
}

public sealed class FirstTaskLifetime() : NamedTaskLifetime("first");

public sealed class SecondTaskLifetime() : NamedTaskLifetime("second");
