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
    public void Should_Plan_Several_Targets_In_The_Order_Given_Each_After_Its_Dependencies()
    {
        Assert.Equal(["Clean", "Restore-First", "Restore", "Lint", "Build"], Plan(false, "Restore-First", "Build"));
        Assert.Equal(["Restore", "Lint", "Build", "Clean", "Restore-First"], Plan(false, "Build", "Restore-First"));
    }

    [Fact]
    public void Should_Not_Repeat_A_Dependency_Shared_By_Several_Targets()
    {
        Assert.Equal(["Restore", "Lint", "Build", "Pack"], Plan(false, "Build", "Pack"));
    }

    [Fact]
    public void Should_Not_Repeat_A_Target_That_An_Earlier_Target_Already_Ran()
    {
        Assert.Equal(["Restore", "Lint", "Build", "Pack"], Plan(false, "Pack", "Restore"));
    }

    [Fact]
    public void Should_Plan_A_Target_Given_Twice_Once()
    {
        Assert.Equal(["Clean", "Restore-First", "Restore"], Plan(false, "Restore-First", "Restore", "restore-first"));
    }

    [Fact]
    public void Should_Plan_Exclusive_Targets_Alone_In_The_Order_Given()
    {
        Assert.Equal(["Pack", "Clean"], Plan(true, "Pack", "Clean", "pack"));
    }

    [Fact]
    public void Should_Accept_Target_Names_In_Any_Case()
    {
        Assert.Equal(["Clean"], Plan(false, "clean"));
    }
}
