using System.Globalization;
using ModelRelease.Cake;
using ModelRelease.Onnx;
using ModelRelease.Serving;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// A bounded load generator for a serving rehearsal (see <see cref="LoadGenerator"/>): sends the labelled examples
/// of an evaluation set to a model on a server (Serve, or TF Serving's REST API) at a fixed rate, with their true
/// labels so Serve reports live accuracy per version, until <c>--duration</c>, Ctrl-C or SIGTERM; then prints where the
/// traffic went. It changes no registry or root; a dry run says what it would send and sends nothing.
/// </summary>
[TaskName("Traffic")]
[TaskDescription("Send labelled requests from an evaluation set to a served model at a fixed rate, for a bounded time, and report which versions answered")]
public class TrafficTask : AsyncPipelineTask<ReleaseContext>
{
    /// <summary><c>--model</c>, required.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.Required();

    /// <summary><c>--url</c>: the server's base URL.</summary>
    public static readonly Argument<string> Url = Argument.Text("url", "the model server's base URL", "http://127.0.0.1:8501")
        .Check(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query)
            ? null
            : $"--url={DisplayText.Escape(url)} is not an http(s) base URL; give e.g. --url=http://127.0.0.1:8501");

    /// <summary><c>--eval-data</c>, required: the examples sent, with their labels.</summary>
    public static readonly Argument<string?> EvalData = ReleaseArguments.EvalData.WithDescription("the labelled examples to send, JSON Lines (each request carries one instance and its label)").Required();

    /// <summary><c>--rate</c>: requests a second.</summary>
    public static readonly Argument<int> Rate = Argument.Int32("rate", "requests a second, across all workers", 50).Between(1, 10_000);

    /// <summary><c>--concurrency</c>: requests in flight at most.</summary>
    public static readonly Argument<int> Concurrency = Argument.Int32("concurrency", "requests in flight at most", 4).Between(1, 64);

    /// <summary><c>--duration</c>: how long to send.</summary>
    public static readonly Argument<TimeSpan> Duration = Argument.Duration("duration", "how long to send (Ctrl-C stops sooner)", TimeSpan.FromMinutes(1));

    /// <inheritdoc />
    public override async Task RunAsync(ReleaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(context);
        using var stop = new StopSignal();
        context.Console.MarkupLineInterpolated($"Sending {options.Examples.Count} labelled examples to {options.Model} at {options.Server} ({options.RequestsPerSecond:0}/s, {options.Concurrency} in flight) for {options.Duration!.Value.TotalSeconds:0} s. Ctrl-C stops.");
        using var generator = new LoadGenerator(options);
        var summary = await generator.RunAsync(stop.Token).ConfigureAwait(false);
        Print(context.Console, summary, generator.Responses);
    }

    /// <inheritdoc />
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var options = Options(context);
        plan.Run(string.Create(CultureInfo.InvariantCulture, $"send {options.Examples.Count} labelled examples to {options.Model} at {options.Server}, {options.RequestsPerSecond:0}/s for {options.Duration!.Value.TotalSeconds:0} s"));
    }

    private static TrafficOptions Options(ReleaseContext context)
    {
        var path = context.Get(EvalData)!;
        IReadOnlyList<EvaluationExample> examples;
        try
        {
            examples = EvaluationSet.Load(path).Examples;
        }
        catch (InvalidDataException failure)
        {
            throw new RegistryException(failure.Message, failure);
        }

        return new TrafficOptions
        {
            Server = new Uri(context.Get(Url).TrimEnd('/') + "/"),
            Model = context.RequireModel(),
            Examples = examples,
            RequestsPerSecond = context.Get(Rate),
            Concurrency = context.Get(Concurrency),
            Duration = context.Get(Duration),
        };
    }

    private static void Print(IAnsiConsole console, TrafficSummary summary, IReadOnlyList<TrafficResponse> responses)
    {
        var table = new Table().Title($"Traffic: {summary.Requests} requests in {summary.Took.TotalSeconds:0.0} s").AddColumn("version").AddColumn("answers").AddColumn("share").AddColumn("first").AddColumn("last");
        foreach (var (version, count) in summary.ByVersion.OrderByDescending(v => v.Value))
        {
            var answered = responses.Where(r => r.Version == version).ToList();
            table.AddRow(
                Markup.Escape(version),
                count.ToString(CultureInfo.InvariantCulture),
                (100.0 * count / Math.Max(1, summary.Requests)).ToString("0.0", CultureInfo.InvariantCulture) + "%",
                answered[0].At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
                answered[^1].At.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        if (summary.Failures > 0)
        {
            var first = responses.First(r => !r.Succeeded);
            console.MarkupLineInterpolated($"[red]{summary.Failures} requests failed[/]; the first: {first.Status} {DisplayText.Escape(first.Error)}");
        }
    }
}
