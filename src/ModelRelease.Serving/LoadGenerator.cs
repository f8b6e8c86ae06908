using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ModelRelease.Serving;

/// <summary>
/// A bounded load generator for a serving rehearsal: sends labelled examples to a model at a fixed rate from a few
/// workers, for a bounded time or count, and keeps every answer (which version answered, when, how fast), so live
/// metrics have traffic to measure and a test can see where traffic went.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    /// <summary>The header the server names the answering version in.</summary>
    public const string VersionHeader = "X-Model-Version";

    private readonly TrafficOptions _options;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly ConcurrentQueue<TrafficResponse> _responses = new();
    private long _next;

    /// <summary>Creates a generator; <paramref name="client"/> is used as given (and not disposed) when passed.</summary>
    public LoadGenerator(TrafficOptions options, HttpClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Examples.Count == 0)
        {
            throw new ArgumentException("The load generator needs at least one example to send.", nameof(options));
        }

        if (options.RequestsPerSecond is <= 0 or > 100_000 || options.Concurrency is < 1 or > 256)
        {
            throw new ArgumentException("Give a rate from above 0 to 100,000 requests a second and 1 to 256 workers.", nameof(options));
        }

        _options = options;
        _ownsClient = client is null;
        _client = client ?? new HttpClient { Timeout = options.RequestTimeout };
    }

    /// <summary>Every answer so far, in the order they arrived.</summary>
    public IReadOnlyList<TrafficResponse> Responses => _responses.ToArray();

    /// <summary>Called on each answer, from the worker that got it.</summary>
    public Action<TrafficResponse>? OnResponse { get; init; }

    /// <summary>Sends until the duration, the count or <paramref name="cancellationToken"/> ends the run; never throws for a failed request.</summary>
    public async Task<TrafficSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_options.Duration is { } duration)
        {
            stop.CancelAfter(duration);
        }

        var clock = Stopwatch.StartNew();
        var interval = TimeSpan.FromSeconds(1 / _options.RequestsPerSecond);
        var workers = Enumerable.Range(0, _options.Concurrency).Select(_ => Task.Run(() => Work(clock, interval, stop.Token), CancellationToken.None)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var responses = Responses;
        return new TrafficSummary(
            responses.Count,
            responses.Count(r => !r.Succeeded),
            responses.Where(r => r.Succeeded).GroupBy(r => r.Version!).ToDictionary(g => g.Key, g => (long)g.LongCount(), StringComparer.Ordinal),
            clock.Elapsed);
    }

    /// <summary>Each request takes the next slot of a shared schedule (one every <paramref name="interval"/>), so the rate holds however many workers run.</summary>
    private async Task Work(Stopwatch clock, TimeSpan interval, CancellationToken stop)
    {
        var url = new Uri(_options.Server, $"v1/models/{Uri.EscapeDataString(_options.Model)}:predict");
        while (!stop.IsCancellationRequested)
        {
            var slot = Interlocked.Increment(ref _next) - 1;
            if (_options.MaxRequests is { } max && slot >= max)
            {
                return;
            }

            var due = interval * slot - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var response = await Send(url, _options.Examples[(int)(slot % _options.Examples.Count)]).ConfigureAwait(false);
            _responses.Enqueue(response);
            OnResponse?.Invoke(response);
        }
    }

    private async Task<TrafficResponse> Send(Uri url, Onnx.EvaluationExample example)
    {
        var body = JsonSerializer.Serialize(_options.SendLabels
            ? (object)new { instances = new[] { example.Instance }, labels = new[] { example.Label ? 1 : 0 } }
            : new { instances = new[] { example.Instance } });
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var answer = await _client.PostAsync(url, content).ConfigureAwait(false);
            var text = await answer.Content.ReadAsStringAsync().ConfigureAwait(false);
            var version = answer.Headers.TryGetValues(VersionHeader, out var values) ? values.FirstOrDefault() : null;
            return new TrafficResponse(DateTimeOffset.UtcNow, version, (int)answer.StatusCode, clock.Elapsed.TotalMilliseconds, answer.IsSuccessStatusCode ? null : text);
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            return new TrafficResponse(DateTimeOffset.UtcNow, null, 0, clock.Elapsed.TotalMilliseconds, failure.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }
}
