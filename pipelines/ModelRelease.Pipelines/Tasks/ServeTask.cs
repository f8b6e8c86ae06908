using System.Net;
using ModelRelease.Cake;
using ModelRelease.Serving;
using Spectre.Console;

namespace ModelRelease.Pipelines.Tasks;

/// <summary>
/// A local serving rehearsal (see <see cref="ModelServer"/>): serves the root's models from ONNX Runtime over TF
/// Serving's REST API, routes by routing.json's weights, follows label moves, exposes <c>/metrics</c> for Prometheus,
/// and runs until Ctrl-C or SIGTERM. It reads the serving root only; a dry run says what it would serve.
/// </summary>
[TaskName("Serve")]
[TaskDescription("Serve the root's models locally over TF Serving's REST API (ONNX Runtime), following label moves, with /metrics for Prometheus; runs until Ctrl-C")]
public class ServeTask : AsyncPipelineTask<ReleaseContext>
{
    /// <summary><c>--port</c>: the port, 0 for a free one.</summary>
    public static readonly Argument<int> Port = Argument.Int32("port", "the port to listen on (TF Serving's REST port by default; 0 picks a free one)", 8501).Between(0, 65535);

    /// <summary><c>--host</c>: the address to listen on.</summary>
    public static readonly Argument<string> Host = Argument.Text("host", "the address to listen on (loopback by default; another address serves the network, with a warning)", "127.0.0.1")
        .WithExample("127.0.0.1");

    /// <summary><c>--model</c>: serve one model only.</summary>
    public static readonly Argument<string?> Model = ReleaseArguments.Model.WithDescription("only this model (default: every model in models.config)");

    /// <summary><c>--root</c>: the serving root served.</summary>
    public static readonly Argument<string?> Root = ReleaseArguments.Root;

    /// <inheritdoc />
    public override async Task RunAsync(ReleaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = Options(context);
        WarnIfNotLoopback(context, options.Host);
        using var stop = new StopSignal();
        await using var server = await ModelServer.StartAsync(options, stop.Token).ConfigureAwait(false);
        context.Console.MarkupLineInterpolated($"Serving {DisplayText.Escape(options.Root)} on [bold]{server.Address}[/]:");
        foreach (var model in ModelServer.Configured(options).Keys.Order(StringComparer.Ordinal))
        {
            var versions = server.States(model).OrderBy(s => s.Number).Select(s => s.State == ServedState.Available ? $"{s.Version} ({s.Number})" : $"{s.Version} ({s.Number}, {s.State}{(s.Error is null ? "" : ": " + s.Error)})");
            context.Console.MarkupLineInterpolated($"  {model}: {string.Join(", ", versions)}  POST {server.Address}v1/models/{model}:predict");
        }

        context.Console.MarkupLineInterpolated($"Metrics on {server.Address}metrics. Press Ctrl-C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        context.Console.WriteLine("Stopping: finishing the requests in flight.");
        await server.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Reads models.config only and says which models and versions it would serve, and where; starts nothing.</summary>
    public override void Plan(ReleaseContext context, ChangePlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var options = Options(context);
        WarnIfNotLoopback(context, options.Host);
        var configured = ModelServer.Configured(options);
        foreach (var (model, versions) in configured.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            context.Console.MarkupLineInterpolated($"Would serve {model}: {string.Join(", ", versions.Select(v => $"{v.Version} ({v.Number})"))}");
        }

        plan.Run($"a model server for {string.Join(", ", configured.Keys.Order(StringComparer.Ordinal))} on http://{options.Host}:{options.Port}/ (until Ctrl-C)");
    }

    private static ServingOptions Options(ReleaseContext context)
    {
        var log = new object();
        return new ServingOptions
        {
            Root = context.Root,
            Host = context.Get(Host),
            Port = context.Get(Port),
            Models = context.Model is { } model ? [model] : null,
            Log = line =>
            {
                // The server logs from its own threads; one line at a time.
                lock (log)
                {
                    context.Console.WriteLine(line);
                }
            },
        };
    }

    private static void WarnIfNotLoopback(ReleaseContext context, string host)
    {
        var loopback = host == "localhost" || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback)
        {
            context.Console.MarkupLineInterpolated($"[yellow]Warning: --host={host} is not a loopback address: anyone who can reach it can send predictions and read /metrics. This is a rehearsal server, with no authentication.[/]");
        }
    }
}
