using ModelRelease.Cake.Internal;
using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

public sealed class ExecutionPlannerTests
{
    private static readonly TaskCatalog Catalog = new(GraphTasks.All.Select(TaskDiscovery.Describe));

    private static IEnumerable<string> Plan(bool exclusive, params string[] targets) =>
        ExecutionPlanner.Plan(Catalog, targets, exclusive).Select(t => t.Name);

    [Fact]
    public void Should_Order_Dependencies_First_Each_Once()
    {
        Assert.Equal(["Restore", "Lint", "Build", "Pack"], Plan(false, "Pack"));
    }

    [Fact]
    public void Should_Run_Only_The_Target_When_Exclusive()
    {
        Assert.Equal(["Pack"], Plan(true, "Pack"));
    }

    [Fact]
    public void Should_Merge_Several_Targets_Without_Repeating_Shared_Dependencies()
    {
        Assert.Equal(["Clean", "Lint", "Restore", "Build", "Restore-First"], Plan(false, "Restore-First", "Build"));
    }

    [Fact]
    public void Should_Accept_Target_Names_In_Any_Case()
    {
        Assert.Equal(["Clean"], Plan(false, "clean"));
    }
}
