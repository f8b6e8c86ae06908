namespace ModelRelease.Cake.Tests.Fixtures;

[TaskName("Cycle-A")]
[IsDependentOn(typeof(CycleCTask))]
public sealed class CycleATask : PipelineTask<PipelineContext>
{
}

[TaskName("Cycle-B")]
[IsDependentOn(typeof(CycleATask))]
public sealed class CycleBTask : PipelineTask<PipelineContext>
{
}

[TaskName("Cycle-C")]
[IsDependentOn(typeof(CycleBTask))]
public sealed class CycleCTask : PipelineTask<PipelineContext>
{
}

[TaskName("Self")]
[IsDependentOn(typeof(SelfDependentTask))]
public sealed class SelfDependentTask : PipelineTask<PipelineContext>
{
}

[TaskName("On-String")]
[IsDependentOn(typeof(string))]
public sealed class DependsOnNonTaskTask : PipelineTask<PipelineContext>
{
}

[TaskName("On-Unregistered")]
[IsDependentOn(typeof(PlainTask))]
public sealed class DependsOnUnregisteredTask : PipelineTask<PipelineContext>
{
}

public sealed class PlainTask : PipelineTask<PipelineContext>
{
}

[TaskName("Plain")]
public sealed class SameNameTask : PipelineTask<PipelineContext>
{
}

public sealed class NeedsJournalTask : PipelineTask<JournalContext>
{
}
