using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Reads analysis measurements from Prometheus with instant queries (<c>GET /api/v1/query?query=…&amp;time=…</c>), at
/// the time of each measurement so a re-run judges the same data. A query must come back as one number: one series
/// or a scalar; no series is no data; several series are an error asking for sum() or avg(). Problems with the server
/// or the answer are <see cref="MetricResult"/> errors, never exceptions; a <c>user:password@</c> in the URL is sent
/// as basic authentication and never shown.
/// </summary>
public sealed class PrometheusMetricSource : IMetricSource, IDisposable
{
    /// <summary>The <see cref="AnalysisCheck.Source"/> that names this source.</summary>
    public const string SourceName = "prometheus";

    /// <summary>The largest answer read; an instant query for one number is a few hundred bytes.</summary>
    internal const int MaxResponseBytes = 4 * 1024 * 1024;

    private readonly PrometheusSettings _settings;
    private readonly HttpClient _client;
    private readonly string _shownBase;

    /// <summary>A source that asks the server in <paramref name="settings"/>; <paramref name="handler"/> replaces the network stack (tests), and stays the caller's to dispose.</summary>
    public PrometheusMetricSource(PrometheusSettings settings, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.BaseUrl);
        _settings = settings;
        _shownBase = PrometheusSettings.Redact(settings.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        _client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);

        // Each attempt has its own deadline; the client's would cut across retries.
        _client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
        if (!string.IsNullOrEmpty(settings.BaseUrl.UserInfo))
        {
            var credentials = Uri.UnescapeDataString(settings.BaseUrl.UserInfo);
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public async Task<MetricResult> QueryAsync(string query, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var url = Url(query, at);
        var delay = _settings.Backoff;
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (result, mayPass) = await AttemptAsync(url, cancellationToken).ConfigureAwait(false);
            if (attempt >= _settings.Retries || !mayPass)
            {
                return attempt == 0 ? result : Annotated(result, attempt + 1);
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay *= 2;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private Uri Url(string query, DateTimeOffset at)
    {
        // Seconds with milliseconds, as the API takes them; invariant, so a German runner does not send "1,5".
        var time = (at.ToUnixTimeMilliseconds() / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
        var path = _settings.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri($"{path}/api/v1/query?query={Uri.EscapeDataString(query)}&time={time}");
    }

    // Unreachable, timed out, overloaded or restarting (5xx, 429) may pass on another try; a rejected query or a
    // malformed answer would come back the same.
    private async Task<(MetricResult Result, bool MayPass)> AttemptAsync(Uri url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.Timeout);
        try
        {
            using var response = await _client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var body = await ReadAsync(response, deadline.Token).ConfigureAwait(false);
            var result = body is null
                ? MetricResult.Failure(MetricErrorKind.MalformedResponse, $"the answer from {_shownBase} is larger than {MaxResponseBytes} bytes; a query for one number should be small")
                : PrometheusResponse.Read(response.StatusCode, body);
            var code = (int)response.StatusCode;
            return (result, result.ErrorKind == MetricErrorKind.HttpStatus && (code >= 500 || code == (int)HttpStatusCode.TooManyRequests));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (MetricResult.Failure(MetricErrorKind.Timeout, $"{_shownBase} did not answer within {DurationText.Format(_settings.Timeout)}"), true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (MetricResult.Failure(MetricErrorKind.Unreachable, $"could not reach Prometheus at {_shownBase}: {PrometheusSettings.Redact(e.Message)}"), true);
        }
    }

    private static async Task<string?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static MetricResult Annotated(MetricResult result, int attempts) =>
        result.IsError ? MetricResult.Failure(result.ErrorKind!.Value, $"{result.Detail} (after {attempts} attempts)").WithRaw(result.Raw) : result;
}
