using ModelRelease.Cake.Tests.Fixtures;

namespace ModelRelease.Cake.Tests;

/// <summary>
/// Typed arguments declared once (<see cref="Argument{T}"/>): read by a task and by its context from one declaration,
/// parsed before any task runs, and listed under the tasks that declare them.
/// </summary>
public sealed class TypedArgumentTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("modelrelease-arguments-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private (HostRun Run, Journal Journal) Typed(params string[] args)
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(
            h => h.UseContext<JournalContext>().AddTasks(typeof(PrepareTask), typeof(TypedValuesTask), typeof(ScaleTask)).UseWorkingDirectory(_directory),
            [.. args, key]);
        return (run, journal);
    }

    private static (HostRun Run, Journal Journal) Gate(params string[] args)
    {
        var (journal, key) = JournalContext.Open();
        var run = HostRun.Of(
            h => h.UseContext<GateContext>().AddTasks(typeof(SmokeTask), typeof(WarmUpTask), typeof(GateCheckTask), typeof(StrictGateTask), typeof(NotifyTask)),
            [.. args, key]);
        return (run, journal);
    }

    [Fact]
    public void Should_Give_Each_Type_Its_Default_When_Absent()
    {
        var (run, journal) = Typed("--target=Typed-Values");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["Prepare", "retries=3 ratio=none fast=False pace=Normal output=none timeout=00:05:00 format=none replicas=1"], journal.Entries);
    }

    [Fact]
    public void Should_Read_Each_Type_As_Given()
    {
        // When every typed argument is given, in the spellings a user would write
        var (run, journal) = Typed(
            "--target=Typed-Values", "--retries=0", "--ratio=0.25", "--fast", "--pace=very-fast", "--output=reports/smoke.json",
            "--timeout=90s", "--format=JSON", "--replicas=64");

        // Then the task reads them typed: the path resolved against the working directory, the choice as declared
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var output = Path.Combine(_directory, "reports", "smoke.json");
        Assert.Equal(["Prepare", $"retries=0 ratio=0.25 fast=True pace=VeryFast output={output} timeout=00:01:30 format=json replicas=64"], journal.Entries);
    }

    [Theory]
    [InlineData("--fast=false", "fast=False")]
    [InlineData("--pace=VeryFast", "pace=VeryFast")]
    [InlineData("--pace=SLOW", "pace=Slow")]
    [InlineData("--timeout=PT1H30M", "timeout=01:30:00")]
    [InlineData("--timeout=0:00:30", "timeout=00:00:30")]
    [InlineData("--timeout=1.5h", "timeout=01:30:00")]
    [InlineData("--timeout=1500ms", "timeout=00:00:01.5000000")]
    [InlineData("--timeout=2h", "timeout=02:00:00")]
    [InlineData("--ratio=1e-3", "ratio=0.001")]
    public void Should_Accept_Every_Documented_Spelling(string argument, string expected)
    {
        var (run, journal) = Typed("--target=Typed-Values", argument);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(expected, journal.Entries[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--retries=11", "--retries=11 is not valid: give a whole number from 0 to 10, e.g. --retries=3.")]
    [InlineData("--retries=2.5", "--retries=2.5 is not valid: give a whole number from 0 to 10, e.g. --retries=3.")]
    [InlineData("--ratio=1.5", "--ratio=1.5 is not valid: give a number from 0 to 1, e.g. --ratio=0.")]
    [InlineData("--ratio=-0.1", "--ratio=-0.1 is not valid: give a number from 0 to 1")]
    [InlineData("--ratio=NaN", "--ratio=NaN is not valid: give a number from 0 to 1")]
    [InlineData("--ratio=0,5", "--ratio=0,5 is not valid: give a number from 0 to 1")]
    [InlineData("--fast=maybe", "--fast=maybe is not valid: --fast is a switch; give --fast or --fast=false.")]
    [InlineData("--pace=warp", "--pace=warp is not valid: choose one of slow, normal, very-fast.")]
    [InlineData("--pace=2", "--pace=2 is not valid: choose one of slow, normal, very-fast.")]
    [InlineData("--output=~/reports", "--output is '~/reports', which starts with '~': the shell did not expand it")]
    [InlineData("--timeout=3h", "--timeout=3h is not valid: give a duration from 1s to 2h (90s, 5m, 2h, 1d, or ISO 8601 such as PT1H30M), e.g. --timeout=5m.")]
    [InlineData("--timeout=500ms", "--timeout=500ms is not valid: give a duration from 1s to 2h")]
    [InlineData("--timeout=-5m", "--timeout=-5m is not valid: give a duration")]
    [InlineData("--timeout=-00:05:00", "--timeout=-00:05:00 is not valid: give a duration")]
    [InlineData("--timeout=5", "--timeout=5 is not valid: give a duration")]
    [InlineData("--timeout=5 minutes", "--timeout=5 minutes is not valid: give a duration")]
    [InlineData("--format=xml", "--format=xml is not valid: choose one of table, json.")]
    [InlineData("--replicas=0", "--replicas=0 is not valid: give a whole number from 1 to 64, e.g. --replicas=1.")]
    public void Should_Exit_2_Before_Any_Task_Runs_For_A_Bad_Value(string argument, string expected)
    {
        // When one typed argument is malformed or out of range
        var (run, journal) = Typed("--target=Typed-Values", argument);

        // Then the run stops with a usage error naming the value and a right one, and no task ran (not even Prepare,
        // which runs before the task that reads it)
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public void Should_Refuse_A_Missing_Required_Typed_Argument_Before_Any_Task()
    {
        var (missing, missingJournal) = Typed("--target=Scale");
        var (zero, zeroJournal) = Typed("--target=Scale", "--replicas=0");
        var (given, givenJournal) = Typed("--target=Scale", "--replicas=3");

        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("Task 'Scale' needs --replicas (replicas to run), e.g. --replicas=1.", missing.Error, StringComparison.Ordinal);
        Assert.Empty(missingJournal.Entries);
        Assert.Equal(ExitCodes.UsageError, zero.ExitCode);
        Assert.Contains("--replicas=0 is not valid: give a whole number of at least 1, e.g. --replicas=1.", zero.Error, StringComparison.Ordinal);
        Assert.Empty(zeroJournal.Entries);
        Assert.Equal(ExitCodes.Success, given.ExitCode);
        Assert.Equal(["Scale replicas=3"], givenJournal.Entries);
    }

    [Fact]
    public void Should_Read_One_Declaration_From_The_Context_And_From_The_Task()
    {
        // Given --threshold declared once (GateArguments), read by the context into a property and declared by Smoke's base
        // When Smoke runs with a threshold
        var (run, journal) = Gate("--target=Smoke", "--threshold=0.5");

        // Then the context and the task read the same value
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["context threshold=0.5", "Smoke threshold=0.5 property=0.5 region=none"], journal.Entries);
    }

    [Fact]
    public void Should_Give_The_Declared_Default_To_Context_And_Task_Alike()
    {
        var (run, journal) = Gate("--target=Smoke");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["context threshold=0.99", "Smoke threshold=0.99 property=0.99 region=none"], journal.Entries);
    }

    [Fact]
    public void Should_Stop_Before_The_First_Task_When_A_Later_Task_Reads_A_Bad_Value()
    {
        // Given Gate reads its own --window (which the context knows nothing of) only after its dependency Warm-Up has run
        var (run, journal) = Gate("--target=Gate", "--window=2d");
        var (good, goodJournal) = Gate("--target=Gate", "--window=12h");

        // Then the bad value stops the run before Warm-Up, and before the context is made
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--window=2d is not valid: give a duration of at most 1d (90s, 5m, 2h, 1d, or ISO 8601 such as PT1H30M), e.g. --window=1d.", run.Error, StringComparison.Ordinal);
        Assert.Empty(journal.Entries);
        Assert.Equal(ExitCodes.Success, good.ExitCode);
        Assert.Equal(["context threshold=0.99", "Warm-Up", "Gate threshold=0.99 window=12:00:00"], goodJournal.Entries);
    }

    [Fact]
    public void Should_Run_A_Check_Of_The_Declaration_Before_Any_Task()
    {
        var (refused, refusedJournal) = Gate("--target=Smoke", "--region=us-east-1");
        var (accepted, acceptedJournal) = Gate("--target=Smoke", "--region=eu-west-1");

        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("--region: region 'us-east-1' is outside the EU; give one starting with eu-.", refused.Error, StringComparison.Ordinal);
        Assert.Empty(refusedJournal.Entries);
        Assert.Equal(ExitCodes.Success, accepted.ExitCode);
        Assert.Contains("region=eu-west-1", acceptedJournal.Entries[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Use_A_Tasks_Own_Declaration_Over_Its_Base_Classes()
    {
        // Strict-Gate narrows the inherited --threshold to at least 0.9; Smoke keeps 0 to 1
        var (strict, strictJournal) = Gate("--target=Strict-Gate", "--threshold=0.5");
        var (smoke, _) = Gate("--target=Smoke", "--threshold=0.5");

        Assert.Equal(ExitCodes.UsageError, strict.ExitCode);
        Assert.Contains("--threshold=0.5 is not valid: give a number from 0.9 to 1, e.g. --threshold=0.99.", strict.Error, StringComparison.Ordinal);
        Assert.Empty(strictJournal.Entries);
        Assert.Equal(ExitCodes.Success, smoke.ExitCode);
    }

    [Fact]
    public void Should_Refuse_A_Context_Argument_For_A_Task_That_Does_Not_Declare_It()
    {
        // Given the context reads --threshold, but Notify does not declare it
        var (run, journal) = Gate("--target=Notify", "--threshold=0.5");

        // Then it is not read by "every task": the run names the tasks that do read it
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("--threshold is not read by any task that runs for target Notify (it is read by Gate, Smoke, Strict-Gate)", run.Error, StringComparison.Ordinal);
        Assert.Empty(journal.Entries);
    }

    [Fact]
    public void Should_List_A_Context_Argument_In_Help_Under_The_Tasks_That_Declare_It()
    {
        var run = HostRun.Of(h => h.UseContext<GateContext>().AddTasks(typeof(SmokeTask), typeof(WarmUpTask), typeof(GateCheckTask), typeof(StrictGateTask), typeof(NotifyTask)), "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("--threshold", StringComparison.Ordinal)
            && l.Contains("least share of smoke requests that must succeed (0 to 1, default 0.99)", StringComparison.Ordinal)
            && l.Contains("read by Gate, Smoke", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("least share for the strict gate (0.9 to 1, default 0.99)", StringComparison.Ordinal) && l.Contains("read by Strict-Gate", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("least share", StringComparison.Ordinal) && (l.Contains("every task", StringComparison.Ordinal) || l.Contains("Notify", StringComparison.Ordinal)));
        // An untyped [TaskArgument] on the context still means every task
        Assert.Contains(lines, l => l.Contains("--journal", StringComparison.Ordinal) && l.Contains("read by every task", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_List_Typed_Arguments_In_The_Description_Of_The_Tasks_That_Read_Them()
    {
        var gate = HostRun.Of(h => h.UseContext<GateContext>().AddTasks(typeof(SmokeTask), typeof(NotifyTask)), "--description");
        var scale = HostRun.Of(h => h.UseContext<JournalContext>().AddTasks(typeof(ScaleTask)), "--description");

        Assert.Equal(ExitCodes.Success, gate.ExitCode);
        var lines = gate.Output.Split('\n');
        // The task's own declarations, then its base class's, then what the context declares for every task
        Assert.Contains(lines, l => l.Contains("Smoke", StringComparison.Ordinal) && l.Contains("--region --threshold --journal", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Notify", StringComparison.Ordinal) && l.Contains("--journal", StringComparison.Ordinal) && !l.Contains("--threshold", StringComparison.Ordinal));
        Assert.Contains(scale.Output.Split('\n'), l => l.Contains("Scale", StringComparison.Ordinal) && l.Contains("--replicas (required)", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Refuse_A_Typed_Argument_Named_Like_A_Host_Option()
    {
        var run = HostRun.Tasks([typeof(TypedTargetTask)], "--target=Typed-Target");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("declares the argument --target, which the host reads itself", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Name_The_Field_Of_A_Declaration_The_Command_Line_Cannot_Spell()
    {
        var run = HostRun.Tasks([typeof(BadlyDeclaredTask)], "--target=Badly-Declared");

        Assert.Equal(ExitCodes.TaskFailed, run.ExitCode);
        Assert.Contains("BadlyDeclaredTask.Spaced: 'max retries' is not an argument name", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Refuse_Declarations_That_Cannot_Mean_Anything()
    {
        Assert.Throws<InvalidOperationException>(() => Argument.Text("label", "a label").AtLeast("a"));
        Assert.Throws<InvalidOperationException>(() => Argument.Flag("fast", "go fast").Between(false, true));
        Assert.Throws<ArgumentException>(() => Argument.Int32("--weight", "with dashes"));
        Assert.Throws<ArgumentException>(() => Argument.Int32("weight", "canary weight", 10).Between(99, 1));
        Assert.Throws<ArgumentException>(() => Argument.Choice("format", "output", ["table", "json"], "xml"));
        Assert.Throws<ArgumentException>(() => Argument.Choice("format", "output", []));
    }

    [Fact]
    public void Should_Keep_A_Shared_Declaration_Unchanged_When_A_Task_Narrows_It()
    {
        var shared = GateArguments.Threshold;
        var strict = shared.WithDescription("strict").AtLeast(0.9).Required().WithExample("0.95");

        Assert.Equal("least share of smoke requests that must succeed", shared.Description);
        Assert.False(shared.IsRequired);
        Assert.Equal("0.99", shared.Example);
        Assert.Equal(("threshold", "strict", true, "0.95"), (strict.Name, strict.Description, strict.IsRequired, strict.Example));
        Assert.Equal(0.99, strict.Default);
    }
}
