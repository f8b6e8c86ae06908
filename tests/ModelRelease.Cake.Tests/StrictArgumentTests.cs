using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>
/// An argument's value means one thing or the run stops: an empty value is not "absent" (which quietly picked the
/// default), and an argument given twice with different values is not "the last one wins".
/// </summary>
public sealed class StrictArgumentTests
{
    private static (HostRun Run, Journal Journal) Run(Type[] tasks, params string[] args) => HostRun.Journaled(tasks, args);

    [Theory]
    [InlineData("--count=", "--count was given an empty value (an unset shell variable?). Give it a value, e.g. --count=3, or leave --count out for its default.")]
    [InlineData("--count=  ", "--count was given an empty value")]
    [InlineData("--mode=", "--mode was given an empty value (an unset shell variable?). Give it a value, or leave --mode out for its default.")]
    public void Should_Exit_2_Naming_The_Argument_And_An_Example_When_A_Value_Is_Empty(string argument, string expected)
    {
        // Given a task reading --count and --mode, with defaults when they are absent
        // When one is given empty
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=mnist", argument);

        // Then the run stops with a usage error before any task, instead of using the default
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public void Should_Exit_2_When_A_Value_Is_Missing_Before_The_Next_Option()
    {
        // Given "--count $N --mode=json" with an empty $N, as a shell passes it
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=mnist", "--count", "--mode=json");

        // Then --count is refused as empty, not read as its default
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--count was given an empty value", run.Error);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public void Should_Exit_2_When_An_Argument_Is_Given_Twice_With_Different_Values()
    {
        // When --count is given twice with different values
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=mnist", "--count=1", "--count=9");

        // Then neither wins: the run stops
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--count is given more than once, with different values ('1' and '9'). Give it once.", run.Error);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public void Should_Exit_2_When_A_Switch_Is_Both_On_And_Off()
    {
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=mnist", "--flag", "--flag=false");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--flag is given more than once, with different values ('true' and 'false')", run.Error);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public void Should_Accept_The_Same_Value_Twice_And_A_Bare_Switch()
    {
        // Given the same value twice (a script that adds a default the user also gave), and a switch given two ways
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=mnist", "--count=3", "--count=3", "--flag", "--flag=True");

        // Then the run goes ahead with that value
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["count=3 mode=table flag=True model=mnist dry=False"], journal.Entries);
    }

    [Fact]
    public void Should_Keep_Several_Targets_Working()
    {
        // Given several targets (not task arguments: they may repeat and differ)
        var (run, journal) = Run(GraphTasks.All, "-t", "Clean", "-t", "Pack", "--target=Clean");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Clean", journal.Entries);
        Assert.Contains("Pack", journal.Entries);
    }

    [Fact]
    public void Should_Exit_2_When_Verbosity_Is_Given_Twice_With_Different_Levels()
    {
        var (run, journal) = Run([typeof(TypedTask)], "--target=Typed", "--model=mnist", "--verbosity=quiet", "-v", "diagnostic");

        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--verbosity is given more than once, with different values ('quiet' and 'diagnostic')", run.Error);
        Assert.Empty(journal.Entries);
    }
}
