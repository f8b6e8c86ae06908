namespace ModelRelease.Cake.Tests.Fixtures;

[TaskName("Write-File")]
[TaskArgument("out", "file to write", Required = true, Example = "/tmp/x")]
public sealed class WriteFileTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context)
    {
        context.Journal.Add("Write-File");
        File.WriteAllText(OutPath(context), "written");
    }

    public override void Plan(JournalContext context, ChangePlan plan) => plan.Write(OutPath(context), "the test output");

    private static string OutPath(JournalContext context) => context.Arguments.GetArguments("out").Single();
}

[TaskName("Undescribed-Write")]
[TaskArgument("out", "file to write", Required = true)]
public sealed class UndescribedWriteTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => File.WriteAllText(context.Arguments.GetArguments("out").Single(), "written");
}

[TaskName("Throw")]
public sealed class ThrowingTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => throw new InvalidOperationException("the disk is full");
}

[TaskName("Reject")]
public sealed class RejectingTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => throw new GateRejectedException("accuracy 0.80 is below the required 0.90");
}

[TaskName("After-Reject")]
[IsDependentOn(typeof(RejectingTask))]
public sealed class AfterRejectTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("After-Reject");
}

[TaskName("Usage-In-Task")]
public sealed class UsageInTaskTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => throw new PipelineUsageException("--thing is needed here");
}

[TaskName("Handled")]
public sealed class HandledTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => throw new InvalidOperationException("broken");

    public override void OnError(Exception exception, JournalContext context) => context.Journal.Add("OnError:" + exception.Message);

    public override void Finally(JournalContext context) => context.Journal.Add("Finally");
}

[TaskName("After-Handled")]
[IsDependentOn(typeof(HandledTask))]
public sealed class AfterHandledTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("After-Handled");
}

[TaskName("Flaky")]
[ContinueOnError]
public sealed class FlakyTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => throw new InvalidOperationException("flaky");
}

[TaskName("After-Flaky")]
[IsDependentOn(typeof(FlakyTask))]
public sealed class AfterFlakyTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("After-Flaky");
}

[TaskName("Conditional")]
public sealed class ConditionalTask : PipelineTask<JournalContext>
{
    public override bool ShouldRun(JournalContext context) => context.Flag;

    public override void Run(JournalContext context) => context.Journal.Add("Conditional");
}

[TaskName("After-Conditional")]
[IsDependentOn(typeof(ConditionalTask))]
[TaskArgument("flag", "run Conditional", IsFlag = true)]
public sealed class AfterConditionalTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("After-Conditional:" + context.Count);
}

[TaskName("Typed")]
[TaskArgument("count", "a number from 1 to 10", Example = "3")]
[TaskArgument("mode", "table or json")]
[TaskArgument("flag", "a switch", IsFlag = true)]
[TaskArgument("model", "model name", Required = true, Example = "mnist")]
public sealed class TypedTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) =>
        context.Journal.Add($"count={context.Count} mode={context.Mode} flag={context.Flag} model={context.Arguments.GetArguments("model").Single()} dry={context.DryRun}");
}

public sealed class RecordingLifetime : PipelineLifetime<JournalContext>
{
    public override void Setup(JournalContext context, global::Cake.Core.ISetupContext info) => context.Journal.Add("Setup:" + info.TargetTask.Name);

    public override void Teardown(JournalContext context, global::Cake.Core.ITeardownContext info) => context.Journal.Add("Teardown:" + info.Successful);
}

public sealed class RecordingTaskLifetime : PipelineTaskLifetime<JournalContext>
{
    public override void Setup(JournalContext context, global::Cake.Core.ITaskSetupContext info) => context.Journal.Add("Before:" + info.Task.Name);

    public override void Teardown(JournalContext context, global::Cake.Core.ITaskTeardownContext info) => context.Journal.Add("After:" + info.Task.Name);
}
