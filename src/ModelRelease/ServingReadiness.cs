using System.Globalization;
using System.Text.Json;

namespace ModelRelease;

/// <summary>
/// Asks a model server that speaks TF Serving's REST API (TF Serving itself, or ModelRelease's Serve) whether a
/// version is loaded: <c>GET /v1/models/&lt;m&gt;</c> and <c>GET /v1/models/&lt;m&gt;/labels/&lt;label&gt;</c>, polled
/// until the version is AVAILABLE. A label move given one (<see cref="RegistryOptions.Readiness"/>) loads a version
/// first and moves the label only once the server answers that it serves it.
/// </summary>
public sealed class ServingReadiness : IDisposable
{
    private readonly HttpClient _client;

    /// <summary>A client of the server at <paramref name="server"/> (its base URL, e.g. <c>http://127.0.0.1:8501/</c>).</summary>
    /// <param name="server">The server's base URL, http or https.</param>
    /// <param name="timeout">How long a version may take to load before the move is refused (default 60 s).</param>
    /// <param name="interval">How often the status is asked for (default 200 ms).</param>
    /// <param name="handler">The HTTP handler to send through (tests); null for the default one.</param>
    public ServingReadiness(Uri server, TimeSpan? timeout = null, TimeSpan? interval = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri || server.Scheme is not ("http" or "https"))
        {
            throw new RegistryException($"The serving URL {DisplayText.Escape(server.ToString())} is not an http(s) base URL; give e.g. http://127.0.0.1:8501.");
        }

        Server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        Timeout = timeout ?? TimeSpan.FromSeconds(60);
        Interval = interval ?? TimeSpan.FromMilliseconds(200);
        if (Timeout <= TimeSpan.Zero || Interval <= TimeSpan.Zero)
        {
            throw new RegistryException($"The serving wait needs a positive timeout and interval, not {Timeout} and {Interval}. Give e.g. --serving-timeout=60s.");
        }

        // Each status request is short; one that hangs must not outlive the whole wait.
        _client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _client.Timeout = Timeout < TimeSpan.FromSeconds(10) ? Timeout : TimeSpan.FromSeconds(10);
    }

    /// <summary>The server's base URL, ending in a slash.</summary>
    public Uri Server { get; }

    /// <summary>How long a version may take to become AVAILABLE.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How often the status is polled.</summary>
    public TimeSpan Interval { get; }

    /// <summary>
    /// Waits until every version in <paramref name="versions"/> of <paramref name="model"/> is AVAILABLE. A version
    /// that ends with an error (its load failed) refuses at once; one still missing or loading refuses at the timeout.
    /// </summary>
    /// <exception cref="RegistryException">A version failed to load (the message carries the server's), or did not load in time.</exception>
    public void WaitUntilAvailable(string model, IReadOnlyCollection<long> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var pending = versions.ToHashSet();
        Poll($"v1/models/{Uri.EscapeDataString(model)}", statuses =>
        {
            foreach (var status in statuses.Where(s => pending.Contains(s.Version)))
            {
                if (status.State == "AVAILABLE")
                {
                    pending.Remove(status.Version);
                }
                else if (status.State == "END" && status.ErrorCode != "OK")
                {
                    throw new RegistryException(
                        $"The model server at {Server} could not load {model} version {status.Version}: {status.Message} ({status.ErrorCode}). " +
                        "The label was not moved and models.config is back as it was; fix the version (or the server) and run the step again.");
                }
            }

            return pending.Count == 0 ? null : $"waiting for {model} version(s) {string.Join(", ", pending.Order())}; last seen: {Describe(statuses, pending)}";
        });
    }

    /// <summary>Waits until the server resolves <paramref name="label"/> of <paramref name="model"/> to <paramref name="version"/>, AVAILABLE.</summary>
    /// <exception cref="RegistryException">The server did not take the moved label in time.</exception>
    public void WaitUntilLabelled(string model, string label, long version) =>
        Poll($"v1/models/{Uri.EscapeDataString(model)}/labels/{Uri.EscapeDataString(label)}", statuses =>
            statuses.Any(s => s.Version == version && s.State == "AVAILABLE")
                ? null
                : $"waiting for label {label} of {model} to answer version {version}; last seen: {Describe(statuses, [version])}");

    /// <summary>Nothing to release beyond the HTTP client.</summary>
    public void Dispose() => _client.Dispose();

    /// <summary>Polls <paramref name="path"/> until <paramref name="check"/> says done (null) or the time is up.</summary>
    private void Poll(string path, Func<IReadOnlyList<VersionStatus>, string?> check)
    {
        var deadline = DateTimeOffset.UtcNow + Timeout;
        var last = "no answer yet";
        while (true)
        {
            var (statuses, problem) = Get(path);
            if (statuses is not null)
            {
                last = check(statuses) ?? "";
                if (last.Length == 0)
                {
                    return;
                }
            }
            else
            {
                last = problem!;
            }

            if (DateTimeOffset.UtcNow + Interval > deadline)
            {
                throw new RegistryException(
                    $"The model server at {Server} did not serve the version in {DurationOf(Timeout)} ({last}). The label was not moved and models.config is back as it was; " +
                    "check the server's log, or give it longer with --serving-timeout.");
            }

            Thread.Sleep(Interval);
        }
    }

    /// <summary>The statuses the server answers, or why there are none yet (not found while it reloads, unreachable).</summary>
    private (IReadOnlyList<VersionStatus>? Statuses, string? Problem) Get(string path)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server, path));
            using var response = _client.Send(request);
            using var reader = new StreamReader(response.Content.ReadAsStream());
            var body = reader.ReadToEnd();
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"GET {path} answered {(int)response.StatusCode}: {Shorten(body)}");
            }

            using var json = JsonDocument.Parse(body);
            return (json.RootElement.GetProperty("model_version_status").EnumerateArray().Select(VersionStatus.Of).ToList(), null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return (null, $"GET {path} failed: {e.Message}");
        }
    }

    private static string Describe(IReadOnlyList<VersionStatus> statuses, IReadOnlyCollection<long> wanted)
    {
        var seen = statuses.Where(s => wanted.Contains(s.Version)).Select(s => $"{s.Version} {s.State}").ToList();
        return seen.Count == 0 ? "the server does not list it yet" : string.Join(", ", seen);
    }

    private static string Shorten(string text) => DisplayText.Escape(text.Length <= 300 ? text : text[..300] + "…");

    private static string DurationOf(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    /// <summary>One entry of TF Serving's <c>model_version_status</c>.</summary>
    private sealed record VersionStatus(long Version, string State, string ErrorCode, string Message)
    {
        public static VersionStatus Of(JsonElement entry)
        {
            var version = entry.GetProperty("version");
            var number = version.ValueKind == JsonValueKind.Number ? version.GetInt64() : long.Parse(version.GetString()!, CultureInfo.InvariantCulture);
            var status = entry.TryGetProperty("status", out var s) ? s : default;
            string Text(string name) => status.ValueKind == JsonValueKind.Object && status.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
            var code = Text("error_code");
            return new VersionStatus(number, entry.GetProperty("state").GetString() ?? "", code.Length == 0 ? "OK" : code, DisplayText.Escape(Text("error_message")));
        }
    }
}
