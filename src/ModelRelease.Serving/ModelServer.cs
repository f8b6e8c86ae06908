using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelRelease.Serving.Internal;

namespace ModelRelease.Serving;

/// <summary>
/// A local serving rehearsal: serves a serving root's models from ONNX Runtime over TF Serving's REST API
/// (<c>POST /v1/models/&lt;m&gt;:predict</c>, <c>GET /v1/models/&lt;m&gt;</c>, <c>…/metadata</c>), routes each
/// request to stable or canary by <c>routing.json</c>'s weights, follows label moves (a new version is loaded before
/// it gets traffic; an old one is unloaded only after its last request answered), and exposes per-version
/// Prometheus metrics on <c>GET /metrics</c>.
/// </summary>
public sealed class ModelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VersionTable _table;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _polling;
    private readonly Action<string>? _log;
    private int _stopped;

    private ModelServer(WebApplication app, VersionTable table, TimeSpan pollInterval, Uri address, Action<string>? log)
    {
        _app = app;
        _table = table;
        _log = log;
        Address = address;
        _polling = PollAsync(pollInterval, _stopping.Token);
    }

    /// <summary>The address the server listens on, e.g. <c>http://127.0.0.1:43123/</c> (the real port when 0 was asked for).</summary>
    public Uri Address { get; }

    /// <summary>
    /// Starts serving <see cref="ServingOptions.Root"/>: loads every version its <c>models.config</c> asks for, then
    /// listens. Returns once both are done; a version that failed to load is reported in <see cref="States"/>.
    /// </summary>
    /// <exception cref="RegistryException">The root has no models.config, it is malformed, or a model asked for is not in it.</exception>
    /// <exception cref="IOException">The address is taken.</exception>
    public static async Task<ModelServer> StartAsync(ServingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.GetFullPath(options.Root);
        // Refuses a missing or malformed models.config, or a model it does not configure, before anything loads.
        _ = Configured(options);
        var table = new VersionTable(root, options.Models, options.Log);
        await Task.Run(table.Reconcile, cancellationToken).ConfigureAwait(false);
        var app = Build(options, new ServingEndpoints(table, new WeightedRouter(options.RoutingSeed), new ServingMetrics(), options.Log));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            table.RetireAll();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return new ModelServer(app, table, options.PollInterval, address, options.Log);
    }

    /// <summary>
    /// What <see cref="StartAsync"/> would load, without loading or listening: per model (filtered by
    /// <see cref="ServingOptions.Models"/>), the versions models.config asks for with their names, in state Start.
    /// </summary>
    /// <exception cref="RegistryException">The root has no models.config, it is malformed, or a model asked for is not in it.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<ServedVersionState>> Configured(ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.GetFullPath(options.Root);
        var file = Path.Combine(root, VersionTable.ModelsConfigFile);
        if (!File.Exists(file))
        {
            throw NoConfig(root);
        }

        IReadOnlyList<ServedModelConfig> config;
        try
        {
            config = ModelsConfigReader.Parse(File.ReadAllText(file));
        }
        catch (FormatException e)
        {
            throw new RegistryException($"{DisplayText.Escape(file)} is malformed: {e.Message}. Rewrite it from the registry with Verify --repair.", e);
        }

        var missing = options.Models?.Where(m => config.All(c => c.Name != m)).ToList() ?? [];
        if (missing.Count > 0)
        {
            throw NotConfigured(root, missing, config.Select(c => c.Name).ToList());
        }

        return config.Where(c => options.Models is null || options.Models.Contains(c.Name, StringComparer.Ordinal))
            .ToDictionary(
                c => c.Name,
                c => (IReadOnlyList<ServedVersionState>)c.Versions.Select(n => new ServedVersionState(n, VersionTable.VersionName(VersionTable.VersionDirectory(root, c.Name, n), n), ServedState.Start, null)).ToList(),
                StringComparer.Ordinal);
    }

    /// <summary>Every version <paramref name="model"/> has had while this server ran, newest number first; empty for a model it never served.</summary>
    public IReadOnlyList<ServedVersionState> States(string model) => _table.History(model).Select(v => v.State()).ToList();

    /// <summary>Stops accepting requests, lets those in flight answer, stops following the root and unloads every version.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _polling.ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        _table.RetireAll();
        _log?.Invoke("Stopped serving.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static WebApplication Build(ServingOptions options, ServingEndpoints endpoints)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        // Stop waits this long for requests in flight; a prediction takes milliseconds, so this is generous.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var ip in Addresses(options.Host))
            {
                kestrel.Listen(ip, options.Port);
            }
        });
        var app = builder.Build();
        app.MapPost("/v1/models/{**rest}", (HttpContext context, string? rest) => endpoints.PostAsync(context, rest));
        app.MapGet("/v1/models/{**rest}", (HttpContext context, string? rest) => endpoints.GetAsync(context, rest));
        app.MapGet("/metrics", endpoints.MetricsAsync);
        return app;
    }

    private static IEnumerable<IPAddress> Addresses(string host) =>
        IPAddress.TryParse(host, out var ip) ? [ip]
        : host == "localhost" ? [IPAddress.Loopback]
        : [Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new RegistryException($"The host '{DisplayText.Escape(host)}' resolves to no address; give an IP address such as 127.0.0.1.")];

    private static RegistryException NoConfig(string root) =>
        new($"{DisplayText.Escape(root)} has no {VersionTable.ModelsConfigFile}, so there is nothing to serve. Give the serving root of a release (--root), or run Configure or Push there first.");

    private static RegistryException NotConfigured(string root, IReadOnlyList<string> missing, IReadOnlyList<string> configured) =>
        new($"{DisplayText.Escape(root)}/{VersionTable.ModelsConfigFile} does not configure {string.Join(", ", missing)}; it configures {Describe(configured)}. Drop --model or pick one of those.");

    private static string Describe(IReadOnlyList<string> models) => models.Count == 0 ? "no model" : string.Join(", ", models);

    private async Task PollAsync(TimeSpan interval, CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await Task.Run(_table.Reconcile, stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _log?.Invoke($"Could not apply the serving configuration: {e.Message}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
