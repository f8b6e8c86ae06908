using System.Text.RegularExpressions;
using ModelRelease.Cake;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// Publishes the registry's state as Prometheus metrics (see <see cref="RegistryExposition"/>): to a Pushgateway,
/// replacing the job's group, and/or to a <c>.prom</c> file for node_exporter's textfile collector. It reads the
/// store only; a dry run says what it would send and where, and sends and writes nothing.
/// </summary>
[TaskName("ExportMetrics")]
[TaskDescription("Publish versions' metrics, provenance, label weights and last rollback to a Prometheus Pushgateway and/or a .prom file")]
public partial class ExportMetricsTask : AsyncPipelineTask<ReleaseContext>
{
    /// <summary>The environment variable that sets the default <c>--pushgateway</c>.</summary>
    public const string PushgatewayVariable = "MODELRELEASE_PUSHGATEWAY";

    /// <summary><c>--pushgateway</c>: the Pushgateway's base URL.</summary>
    public static readonly Argument<string?> Pushgateway = Argument.Text("pushgateway", $"Pushgateway base URL (default ${PushgatewayVariable})")
        .WithExample("http://localhost:9091")
        .Check(PushgatewayPublisher.UrlProblem);

    /// <summary><c>--textfile</c>: a <c>.prom</c> file for node_exporter's textfile collector.</summary>
    public static readonly Argument<string?> TextFile = Argument.Path("textfile", "a .prom file for node_exporter's textfile collector, written atomically")
        .WithExample("/var/lib/node_exporter/modelrelease.prom")
        .Check(path => path is not null && path.EndsWith(RegistryExposition.TextFileExtension, StringComparison.Ordinal)
            ? null
            : $"--textfile={path} does not end in {RegistryExposition.TextFileExtension}: node_exporter's textfile collector reads only *{RegistryExposition.TextFileExtension} files. Give e.g. --textfile=/var/lib/node_exporter/modelrelease.prom");

    /// <summary><c>--job</c>: the Pushgateway job (group) the metrics replace.</summary>
    public static readonly Argument<string> Job = Argument.Text("job", "Pushgateway job name; each export replaces that job's metrics", "modelrelease")
        .Check(job => JobPattern().IsMatch(job)
            ? null
            : $"--job={DisplayText.Escape(job)} is not a usable job name: use letters, digits, '_', '-' and '.', starting with a letter or '_', at most 64 characters, e.g. --job=modelrelease");

    /// <summary><c>--model</c>: export one model only.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.WithDescription("only this model (default: every model)");

    /// <summary><c>--root</c>: the root whose store is read.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <summary><c>--registry</c>: the store read.</summary>
    public static readonly Argument<string?> Registry = ReleaseArguments.Registry;

    /// <inheritdoc />
    public override async Task RunAsync(ReleaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (pushgateway, textFile, job) = Destinations(context);
        var snapshot = context.ModelRegistry.MetricsSnapshot(context.Model);
        var (families, series) = RegistryExposition.Count(snapshot);
        if (textFile is not null)
        {
            RegistryExposition.WriteTextFile(snapshot, textFile);
            context.Console.MarkupLineInterpolated($"Wrote {series} series in {families} families to {DisplayText.Escape(textFile)}.");
        }

        if (pushgateway is not null)
        {
            using var publisher = new PushgatewayPublisher(new Uri(pushgateway));
            await publisher.PublishAsync(job, RegistryExposition.Render(snapshot)).ConfigureAwait(false);
            context.Console.MarkupLineInterpolated($"Pushed {series} series in {families} families to {DisplayText.Escape(publisher.JobUrl(job).ToString())} (replacing job '{DisplayText.Escape(job)}').");
        }
    }

    /// <summary>Reads the store (only) and says what would be written and pushed, with the family and series counts.</summary>
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var (pushgateway, textFile, job) = Destinations(context);
        var (families, series) = RegistryExposition.Count(context.ModelRegistry.MetricsSnapshot(context.Model));
        var what = $"{series} series in {families} families";
        if (textFile is not null)
        {
            plan.Write(textFile, what);
        }

        if (pushgateway is not null)
        {
            using var publisher = new PushgatewayPublisher(new Uri(pushgateway));
            plan.Add(ChangeKind.Write, $"push {what} to {publisher.JobUrl(job)} (replacing job '{job}')");
        }
    }

    private static (string? Pushgateway, string? TextFile, string Job) Destinations(ReleaseContext context)
    {
        var pushgateway = context.Get(Pushgateway) ?? FromEnvironment(context);
        var textFile = context.Get(TextFile);
        if (pushgateway is null && textFile is null)
        {
            throw new PipelineUsageException(
                $"ExportMetrics needs a destination: give --pushgateway=URL (or set ${PushgatewayVariable}), --textfile=PATH.prom, or both, e.g. --pushgateway=http://localhost:9091.");
        }

        return (pushgateway, textFile, context.Get(Job));
    }

    private static string? FromEnvironment(ReleaseContext context)
    {
        var value = context.Environment.GetEnvironmentVariable(PushgatewayVariable);
        if (value is null)
        {
            return null;
        }

        return PushgatewayPublisher.UrlProblem(value) is { } problem
            ? throw new PipelineUsageException($"${PushgatewayVariable}: {problem}. Fix or unset it, or pass --pushgateway.")
            : value;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex JobPattern();
}
