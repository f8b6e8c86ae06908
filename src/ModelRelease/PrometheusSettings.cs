using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Where Prometheus is and how patiently to ask it. Only failures that may pass (unreachable, timed out, HTTP 5xx or
/// 429) are retried; a rejected query or a malformed answer would fail the same way again.
/// </summary>
/// <param name="BaseUrl">The server's URL, e.g. <c>http://localhost:9090</c>, with any path prefix it is served under.</param>
public sealed record PrometheusSettings(Uri BaseUrl)
{
    /// <summary>How long one attempt may take, the answer included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts after the first, for failures that may pass.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>The wait before the first retry; it doubles before each next one.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Settings for the server at <paramref name="url"/>.</summary>
    /// <exception cref="RegistryException">The URL is not an absolute http or https URL; the message never shows a password in it.</exception>
    public static PrometheusSettings Parse(string url)
    {
        var shown = DisplayText.Escape(Redact(url));
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new RegistryException("The Prometheus URL is empty. Give the server's address, e.g. http://localhost:9090.");
        }

        // "localhost:9090" would otherwise parse as scheme "localhost" and read as an unknown protocol.
        if (!url.Contains("://", StringComparison.Ordinal))
        {
            throw new RegistryException($"The Prometheus URL '{shown}' has no http:// or https:// in front. Write the full address, e.g. http://{shown.Trim()}.");
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new RegistryException($"The Prometheus URL '{shown}' is not a valid absolute URL. Give the server's address, e.g. http://localhost:9090.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new RegistryException($"The Prometheus URL '{shown}' uses '{uri.Scheme}'; Prometheus is queried over http or https, e.g. http://localhost:9090.");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new RegistryException($"The Prometheus URL '{shown}' has a query or fragment; give only the server's address and path prefix, e.g. http://localhost:9090.");
        }

        return new PrometheusSettings(uri);
    }

    /// <summary><paramref name="url"/> with any <c>user:password@</c> masked, for messages and evidence.</summary>
    internal static string Redact(string? url) => SecretRedactor.RedactValue("url", url) ?? "";

    // The generated ToString would print BaseUrl with its password.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"BaseUrl = {Redact(BaseUrl?.OriginalString)}, Timeout = {Timeout}, Retries = {Retries}, Backoff = {Backoff}");
        return true;
    }
}
