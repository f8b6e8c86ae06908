using Cake.Core;

namespace ModelRelease.Cake.Tests.Fixtures;

public enum Speed
{
    Slow,
    Normal,
    VeryFast,
}

/// <summary>Arguments shared by a context and its tasks, declared once, as ReleaseArguments does for the stock tasks.</summary>
public static class GateArguments
{
    public static Argument<double> Threshold { get; } =
        Argument.Double("threshold", "least share of smoke requests that must succeed", 0.99).Between(0, 1);

    public static Argument<string?> Region { get; } = Argument.Text("region", "deployment region")
        .WithExample("eu-west-1")
        .Check(region => region!.StartsWith("eu-", StringComparison.Ordinal) ? null : $"region '{region}' is outside the EU; give one starting with eu-");
}

/// <summary>A context that reads the shared --threshold into a property once, as ReleaseContext reads --weight.</summary>
[TaskArgument("journal", "test journal key")]
public sealed class GateContext : PipelineContext
{
    public GateContext(ICakeContext context)
        : base(context)
    {
        Journal = JournalContext.Find(ReadText("journal") ?? throw new InvalidOperationException("tests must pass --journal"));
        Threshold = Get(GateArguments.Threshold);
        Journal.Add("context threshold=" + Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Journal Journal { get; }

    public double Threshold { get; }
}

/// <summary>A base that declares what all its tasks read, as ReleaseTask declares --root and --registry.</summary>
public abstract class ThresholdReadingTask : PipelineTask<GateContext>
{
    public static readonly Argument<double> Threshold = GateArguments.Threshold;
}

[TaskName("Smoke")]
public sealed class SmokeTask : ThresholdReadingTask
{
    public static readonly Argument<string?> Region = GateArguments.Region;

    public override void Run(GateContext context) =>
        context.Journal.Add(FormattableString.Invariant($"Smoke threshold={context.Get(Threshold)} property={context.Threshold} region={Region.Read(context) ?? "none"}"));
}

[TaskName("Warm-Up")]
public sealed class WarmUpTask : PipelineTask<GateContext>
{
    public override void Run(GateContext context) => context.Journal.Add("Warm-Up");
}

/// <summary>Reads its own --window only after Warm-Up has run: a bad value must still stop the run before Warm-Up.</summary>
[TaskName("Gate")]
[IsDependentOn(typeof(WarmUpTask))]
public sealed class GateCheckTask : ThresholdReadingTask
{
    public static readonly Argument<TimeSpan?> Window = Argument.Duration("window", "how far back the gate looks").AtMost(TimeSpan.FromDays(1));

    public override void Run(GateContext context) =>
        context.Journal.Add(FormattableString.Invariant($"Gate threshold={context.Get(Threshold)} window={context.Get(Window)?.ToString() ?? "none"}"));
}

/// <summary>Declares the same name as its base with its own meaning: the task's own declaration wins.</summary>
[TaskName("Strict-Gate")]
public sealed class StrictGateTask : ThresholdReadingTask
{
    public static new readonly Argument<double> Threshold = GateArguments.Threshold.WithDescription("least share for the strict gate").AtLeast(0.9);

    public override void Run(GateContext context) => context.Journal.Add(FormattableString.Invariant($"Strict-Gate threshold={context.Get(Threshold)}"));
}

/// <summary>A task of the same context that does not read --threshold.</summary>
[TaskName("Notify")]
public sealed class NotifyTask : PipelineTask<GateContext>
{
    public override void Run(GateContext context) => context.Journal.Add("Notify");
}

[TaskName("Prepare")]
public sealed class PrepareTask : PipelineTask<JournalContext>
{
    public override void Run(JournalContext context) => context.Journal.Add("Prepare");
}

/// <summary>One argument of each type, declared on the task that reads them, read after Prepare has run.</summary>
[TaskName("Typed-Values")]
[IsDependentOn(typeof(PrepareTask))]
public sealed class TypedValuesTask : PipelineTask<JournalContext>
{
    public static readonly Argument<int> Retries = Argument.Int32("retries", "attempts after the first", 3).Between(0, 10);

    public static readonly Argument<double?> Ratio = Argument.Double("ratio", "share of traffic").Between(0.0, 1.0);

    public static readonly Argument<bool> Fast = Argument.Flag("fast", "skip the slow checks");

    public static readonly Argument<Speed> Pace = Argument.Enum("pace", "how fast to roll out", Speed.Normal);

    public static readonly Argument<string?> Output = Argument.Path("output", "where to write the report").WithExample("reports/smoke.json");

    public static readonly Argument<TimeSpan> Timeout = Argument.Duration("timeout", "how long to wait", TimeSpan.FromMinutes(5))
        .Between(TimeSpan.FromSeconds(1), TimeSpan.FromHours(2));

    public static readonly Argument<string?> Format = Argument.Choice("format", "report format", ["table", "json"]);

    public static readonly Argument<int> Replicas = Argument.Int32("replicas", "replicas to start", 1).AtLeast(1).AtMost(64);

    public override void Run(JournalContext context) => context.Journal.Add(FormattableString.Invariant(
        $"retries={context.Get(Retries)} ratio={context.Get(Ratio)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} fast={context.Get(Fast)} pace={context.Get(Pace)} output={context.Get(Output) ?? "none"} timeout={context.Get(Timeout)} format={context.Get(Format) ?? "none"} replicas={context.Get(Replicas)}"));
}

/// <summary>A required typed argument.</summary>
[TaskName("Scale")]
public sealed class ScaleTask : PipelineTask<JournalContext>
{
    public static readonly Argument<int?> Replicas = Argument.Int32("replicas", "replicas to run").AtLeast(1).Required();

    public override void Run(JournalContext context) => context.Journal.Add($"Scale replicas={context.Get(Replicas)}");
}

/// <summary>A typed declaration that takes a name the host reads itself.</summary>
[TaskName("Typed-Target")]
public sealed class TypedTargetTask : PipelineTask<JournalContext>
{
    public static readonly Argument<string?> Target = Argument.Text("target", "clashes with the host's own --target");
}

/// <summary>A declaration the command line could not spell: the host must say where it is, not crash.</summary>
[TaskName("Badly-Declared")]
public sealed class BadlyDeclaredTask : PipelineTask<JournalContext>
{
    public static readonly Argument<int> Spaced = Argument.Int32("max retries", "attempts", 3);
}
