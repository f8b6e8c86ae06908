using System.Net.Http.Headers;
using System.Text;

namespace ModelRelease;

/// <summary>
/// Sends exposition text (<see cref="RegistryExposition.Render"/>) to a Prometheus Pushgateway. Each publish replaces
/// the job's whole group (HTTP PUT), so a version pruned since the last export disappears instead of lingering.
/// </summary>
public sealed class PushgatewayPublisher : IDisposable
{
    private readonly Uri _baseUrl;
    private readonly HttpClient _client;

    /// <summary>A publisher to the Pushgateway at <paramref name="baseUrl"/> (e.g. <c>http://pushgateway:9091</c>).</summary>
    /// <param name="baseUrl">The Pushgateway's address: http or https, optionally with a path prefix.</param>
    /// <param name="handler">The HTTP handler to send through (tests, proxies); null for the default. It is not disposed with the publisher.</param>
    /// <exception cref="RegistryException"><paramref name="baseUrl"/> is not an http or https address.</exception>
    public PushgatewayPublisher(Uri baseUrl, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (UrlProblem(baseUrl.OriginalString) is { } problem)
        {
            throw new RegistryException(problem);
        }

        _baseUrl = baseUrl;
        _client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _client.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>Why <paramref name="url"/> cannot be a Pushgateway address, or null when it can.</summary>
    public static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "a Pushgateway address is required, e.g. http://localhost:9091";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            return $"'{DisplayText.Escape(url)}' is not a Pushgateway address: give an http or https URL, e.g. http://localhost:9091";
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return $"'{DisplayText.Escape(url)}' has a query or fragment; give the Pushgateway's base address only, e.g. http://localhost:9091";
        }

        return null;
    }

    /// <summary>The URL a job's group lives at: <c>&lt;base&gt;/metrics/job/&lt;job&gt;</c>.</summary>
    public Uri JobUrl(string job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(job);
        return new Uri(_baseUrl.AbsoluteUri.TrimEnd('/') + "/metrics/job/" + Uri.EscapeDataString(job));
    }

    /// <summary>Replaces the metrics of <paramref name="job"/> with <paramref name="exposition"/> (PUT).</summary>
    /// <exception cref="RegistryException">The Pushgateway could not be reached or refused the metrics; the message gives its status and answer.</exception>
    public async Task PublishAsync(string job, string exposition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var url = JobUrl(job);
        using var content = new StringContent(exposition, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(RegistryExposition.ContentType);
        HttpResponseMessage response;
        try
        {
            response = await _client.PutAsync(url, content, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new RegistryException($"Could not reach the Pushgateway at {_baseUrl}: {e.Message}. Check that it is running and that --pushgateway (or $MODELRELEASE_PUSHGATEWAY) names it.", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException($"The Pushgateway at {_baseUrl} did not answer within {_client.Timeout.TotalSeconds:0} s. Check that it is running and reachable from here.", e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var snippet = body.Length > 300 ? body[..300] + "…" : body;
            throw new RegistryException(
                $"The Pushgateway at {_baseUrl} refused the metrics of job '{DisplayText.Escape(job)}' ({(int)response.StatusCode} {response.ReasonPhrase}): {DisplayText.Escape(snippet.Trim())}. " +
                "Check that --pushgateway is the Pushgateway's base address (not Prometheus' or a path under it), and that no other pusher uses the same metric names with different help or type.");
        }
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _client.Dispose();
}
