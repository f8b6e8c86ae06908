using ModelRelease.Cake.Internal;
using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class TaskCatalogTests
{
    private static TaskCatalog Catalog(params Type[] types) => new(types.Select(TaskDiscovery.Describe));

    [Fact]
    public void Should_Name_Tasks_From_Attribute_Or_Type_Name_Without_Task_Suffix()
    {
        var catalog = Catalog(GraphTasks.All);

        Assert.Equal(["Build", "Clean", "Lint", "Pack", "Restore", "Restore-First"], catalog.Names);
    }

    [Fact]
    public void Should_Resolve_Dependees_Into_Dependencies_Of_The_Other_Task()
    {
        var catalog = Catalog(GraphTasks.All);

        Assert.Equal(["Restore", "Lint"], catalog.Dependencies["Build"]);
    }

    [Fact]
    public void Should_Report_A_Cycle_With_Its_Path()
    {
        var error = Assert.Throws<PipelineDefinitionException>(() => Catalog(typeof(CycleATask), typeof(CycleBTask), typeof(CycleCTask)));

        Assert.Contains("cycle", error.Message);
        Assert.Contains("Cycle-A -> Cycle-C -> Cycle-B -> Cycle-A", error.Message);
    }

    [Fact]
    public void Should_Report_A_Task_That_Depends_On_Itself()
    {
        var error = Assert.Throws<PipelineDefinitionException>(() => Catalog(typeof(SelfDependentTask)));

        Assert.Contains("Self -> Self", error.Message);
    }

    [Fact]
    public void Should_Report_A_Dependency_On_A_Type_That_Is_Not_A_Task()
    {
        var error = Assert.Throws<PipelineDefinitionException>(() => Catalog(typeof(DependsOnNonTaskTask)));

        Assert.Contains("System.String, which is not a task", error.Message);
        Assert.Contains("PipelineTask<T>", error.Message);
    }

    [Fact]
    public void Should_Report_A_Dependency_On_A_Task_The_Host_Was_Not_Given()
    {
        var error = Assert.Throws<PipelineDefinitionException>(() => Catalog(typeof(DependsOnUnregisteredTask)));

        Assert.Contains("PlainTask, which is not in the assemblies given to the host", error.Message);
        Assert.Contains("AddAssembly", error.Message);
    }

    [Fact]
    public void Should_Report_Two_Tasks_With_One_Name()
    {
        var error = Assert.Throws<PipelineDefinitionException>(() => Catalog(typeof(PlainTask), typeof(SameNameTask)));

        Assert.Contains("Two tasks are named 'Plain'", error.Message);
    }

    [Fact]
    public void Should_Record_Only_The_Hooks_A_Task_Overrides()
    {
        Assert.Equal(TaskHooks.None, TaskDiscovery.Describe(typeof(CleanTask)).Hooks);
        Assert.Equal(TaskHooks.OnError | TaskHooks.Finally, TaskDiscovery.Describe(typeof(HandledTask)).Hooks);
        Assert.Equal(TaskHooks.ShouldRun, TaskDiscovery.Describe(typeof(ConditionalTask)).Hooks);
        Assert.Equal(TaskHooks.Plan, TaskDiscovery.Describe(typeof(WriteFileTask)).Hooks);
    }

    [Fact]
    public void Should_Find_Every_Concrete_Task_In_An_Assembly()
    {
        var types = TaskDiscovery.FindTaskTypes(typeof(CleanTask).Assembly).ToList();

        Assert.Contains(typeof(CleanTask), types);
        Assert.Contains(typeof(PackTask), types);
        Assert.DoesNotContain(typeof(PipelineTask<JournalContext>), types);
    }
}
