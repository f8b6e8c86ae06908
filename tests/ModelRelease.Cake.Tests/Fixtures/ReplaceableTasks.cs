namespace ModelRelease.Cake.Tests.Fixtures;

// A stock task a team derives from or replaces, with a task on each side of it:
// Uses-Stock -> Stock-Step -> (Clean, Before-Stock via IsDependeeOf).

[TaskName("Stock-Step")]
[TaskDescription("the stock step")]
[IsDependentOn(typeof(CleanTask))]
[TaskArgument("mode", "table or json")]
public class StockStepTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("stock " + context.Mode);
}

/// <summary>Derives from the stock task and inherits its name.</summary>
public sealed class DerivedStepTask : StockStepTask
{
    public override void Run(JournalContext context) => context.Journal.Add("derived " + context.Mode);
}

[TaskName("Unrelated")]
[TaskDescription("a team's own step")]
[TaskArgument("count", "a number")]
public sealed class UnrelatedStepTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("unrelated " + context.Count);
}

[TaskName("Uses-Stock")]
[IsDependentOn(typeof(StockStepTask))]
public sealed class UsesStockTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("uses");
}

[TaskName("Before-Stock")]
[IsDependeeOf(typeof(StockStepTask))]
public sealed class BeforeStockTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("before");
}

[TaskName("Demo-Step")]
public sealed class DemoStepTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("demo");
}

public static class ReplaceableTasks
{
    /// <summary>What a stock assembly would hold; the derived and unrelated types are the team's.</summary>
    public static readonly Type[] Stock = [typeof(CleanTask), typeof(StockStepTask), typeof(UsesStockTask), typeof(BeforeStockTask), typeof(DemoStepTask)];
}
