using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ModelRelease.Testing;

/// <summary>
/// A real Prometheus scraping a real Pushgateway every second, for tests (an xunit class or collection fixture).
/// With <c>MODELRELEASE_TEST_PROMETHEUS</c> and <c>MODELRELEASE_TEST_PUSHGATEWAY</c> set (.ci/run and
/// .ci/start-metrics-services.sh set them) it uses those servers, and a server that does not answer FAILS every test
/// that uses it. Without them it starts Debian's <c>prometheus</c> and <c>prometheus-pushgateway</c> itself, as the
/// script does (same config, .ci/prometheus-test.yml), and stops them when disposed; when they are not installed it
/// fails and says how to get them. It never skips: a metrics test that did not run must not look green.
/// </summary>
public sealed class MetricsServices : IAsyncLifetime, IDisposable
{
    public const string PrometheusVariable = "MODELRELEASE_TEST_PROMETHEUS";
    public const string PushgatewayVariable = "MODELRELEASE_TEST_PUSHGATEWAY";
    public const string ServingTargetsVariable = "MODELRELEASE_TEST_SERVING_TARGETS";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _logs = new();
    private string? _directory;

    /// <summary>Prometheus' base URL.</summary>
    public Uri Prometheus { get; private set; } = null!;

    /// <summary>The Pushgateway's base URL.</summary>
    public Uri Pushgateway { get; private set; } = null!;

    /// <summary>The directory Prometheus' "serving" job discovers scrape targets in (file_sd, *.json).</summary>
    public string ServingTargets { get; private set; } = null!;

    /// <summary>
    /// Makes Prometheus scrape <paramref name="server"/>'s /metrics every second until the returned handle is
    /// disposed: a file_sd targets file, written whole and renamed into place so Prometheus never reads half of it.
    /// </summary>
    public IDisposable Scrape(Uri server)
    {
        var name = Guid.NewGuid().ToString("N");
        var path = Path.Combine(ServingTargets, name + ".json");
        var temporary = Path.Combine(ServingTargets, "." + name + ".tmp");
        File.WriteAllText(temporary, $"[{{\"targets\": [\"{server.Host}:{server.Port}\"], \"labels\": {{\"test_server\": \"{name}\"}}}}]\n");
        File.Move(temporary, path);
        return new ScrapeTarget(path);
    }

    private sealed class ScrapeTarget(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }

    public async Task InitializeAsync()
    {
        var prometheus = Environment.GetEnvironmentVariable(PrometheusVariable);
        var pushgateway = Environment.GetEnvironmentVariable(PushgatewayVariable);
        if (!string.IsNullOrEmpty(prometheus) || !string.IsNullOrEmpty(pushgateway))
        {
            Prometheus = Given(PrometheusVariable, prometheus);
            Pushgateway = Given(PushgatewayVariable, pushgateway);
            ServingTargets = Environment.GetEnvironmentVariable(ServingTargetsVariable) is { Length: > 0 } targets && Directory.Exists(targets)
                ? targets
                : throw new InvalidOperationException(
                    $"${ServingTargetsVariable} is '{Environment.GetEnvironmentVariable(ServingTargetsVariable)}', not an existing directory; it must name the directory the given Prometheus discovers serving targets in. Run the tests through .ci/start-metrics-services.sh, or unset {PrometheusVariable} and {PushgatewayVariable} to let the tests start the servers.");
            await RequireReady(Prometheus, $"${PrometheusVariable}={prometheus}", TimeSpan.FromSeconds(5));
            await RequireReady(Pushgateway, $"${PushgatewayVariable}={pushgateway}", TimeSpan.FromSeconds(5));
            return;
        }

        await StartOwnServers();
    }

    /// <summary>Replaces the group of <paramref name="job"/> with <paramref name="metricsText"/> (exposition format 0.0.4).</summary>
    public async Task PushAsync(string job, string metricsText)
    {
        using var content = new StringContent(metricsText, new UTF8Encoding(false));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain; version=0.0.4; charset=utf-8");
        using var response = await _http.PutAsync(JobUrl(job), content);
        await Require(response, $"push of job '{job}'");
    }

    /// <summary>Deletes the group of <paramref name="job"/> from the Pushgateway.</summary>
    public async Task DeleteAsync(string job)
    {
        using var response = await _http.DeleteAsync(JobUrl(job));
        await Require(response, $"delete of job '{job}'");
    }

    /// <summary>The value of an instant query; null when it has no result. A query with several series is a test bug and fails.</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        var url = new Uri(Prometheus, "api/v1/query?query=" + Uri.EscapeDataString(promql));
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Prometheus at {Prometheus} refused the query {promql}: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() switch
        {
            0 => null,
            1 => ParseValue(result[0].GetProperty("value")[1].GetString()!),
            var n => throw new InvalidOperationException($"The query {promql} matched {n} series; make it select one: {body}"),
        };
    }

    /// <summary>Polls until Prometheus has scraped <paramref name="promql"/> at <paramref name="expected"/>; fails with the last value seen after <paramref name="timeout"/>.</summary>
    public async Task<double> WaitForValueAsync(string promql, double expected, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        double? last = null;
        while (true)
        {
            last = await QueryAsync(promql);
            if (last is { } value && (value.Equals(expected) || Math.Abs(value - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected))))
            {
                return value;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Prometheus at {Prometheus} did not return {expected.ToString(CultureInfo.InvariantCulture)} for {promql} within {timeout.TotalSeconds:0} s (last: {(last is null ? "no series" : last.Value.ToString(CultureInfo.InvariantCulture))}).");
            }

            await Task.Delay(250);
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // It exited on its own in between.
            }

            process.Dispose();
        }

        _processes.Clear();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        _directory = null;
        _http.Dispose();
    }

    private Uri JobUrl(string job) => new(Pushgateway, "metrics/job/" + Uri.EscapeDataString(job));

    private static Uri Given(string variable, string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/")
            : throw new InvalidOperationException(
                $"${variable} is '{value}', not an http URL. Set both {PrometheusVariable} and {PushgatewayVariable} (run the tests through .ci/start-metrics-services.sh), or neither to let the tests start the servers.");

    private async Task StartOwnServers()
    {
        var prometheus = FindExecutable("prometheus");
        var pushgateway = FindExecutable("prometheus-pushgateway");
        if (prometheus is null || pushgateway is null)
        {
            throw new InvalidOperationException(
                $"The metrics tests need a real Prometheus and Pushgateway, and {(prometheus is null ? "prometheus" : "prometheus-pushgateway")} is not installed. " +
                "Install Debian's packages (sudo apt-get install prometheus prometheus-pushgateway), or run the tests through " +
                $".ci/start-metrics-services.sh ./build.sh --target=Test (which installs and starts them and sets {PrometheusVariable} and {PushgatewayVariable}).");
        }

        _directory = Directory.CreateTempSubdirectory("modelrelease-metrics-").FullName;
        var pushgatewayPort = FreePort();
        var prometheusPort = FreePort();
        while (prometheusPort == pushgatewayPort)
        {
            prometheusPort = FreePort();
        }

        ServingTargets = Directory.CreateDirectory(Path.Combine(_directory, "serving-targets")).FullName;
        var config = WriteConfig(_directory, $"127.0.0.1:{pushgatewayPort}", ServingTargets);
        Start(pushgateway, $"--web.listen-address=127.0.0.1:{pushgatewayPort}");
        Start(prometheus, $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_directory, "data")}", $"--web.listen-address=127.0.0.1:{prometheusPort}");
        Pushgateway = new Uri($"http://127.0.0.1:{pushgatewayPort}/");
        Prometheus = new Uri($"http://127.0.0.1:{prometheusPort}/");
        await RequireReady(Pushgateway, $"the Pushgateway started by the tests ({pushgateway})", StartTimeout);
        await RequireReady(Prometheus, $"the Prometheus started by the tests ({prometheus})", StartTimeout);
    }

    /// <summary>
    /// A Prometheus of the calling test's own, scraping the same Pushgateway, which the test may stop in the middle of
    /// a run (the shared one must stay up for the other tests). Stopped and removed when disposed.
    /// </summary>
    public async Task<OwnPrometheus> StartOwnPrometheusAsync()
    {
        var executable = FindExecutable("prometheus") ?? throw new InvalidOperationException(
            "This test stops a Prometheus of its own and needs Debian's prometheus installed (sudo apt-get install prometheus).");
        var directory = Directory.CreateTempSubdirectory("modelrelease-own-prometheus-").FullName;
        var port = FreePort();
        var config = WriteConfig(directory, $"{Pushgateway.Host}:{Pushgateway.Port}", ServingTargets);
        var process = Start(executable, track: false, $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}", $"--web.listen-address=127.0.0.1:{port}");
        var own = new OwnPrometheus(new Uri($"http://127.0.0.1:{port}/"), process, directory);
        try
        {
            await RequireReady(own.Url, $"the test's own Prometheus ({executable})", StartTimeout);
            return own;
        }
        catch
        {
            own.Dispose();
            throw;
        }
    }

    private static string WriteConfig(string directory, string pushgateway, string servingTargets)
    {
        var template = File.ReadAllText(Path.Combine(RepositoryRoot(), ".ci", "prometheus-test.yml"));
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, template.Replace("@PUSHGATEWAY@", pushgateway, StringComparison.Ordinal).Replace("@SERVING_TARGETS@", servingTargets, StringComparison.Ordinal));
        return config;
    }

    private Process Start(string executable, params string[] arguments) => Start(executable, track: true, arguments);

    private Process Start(string executable, bool track, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        if (track)
        {
            _processes.Add(process);
        }

        var name = Path.GetFileName(executable);
        DataReceivedEventHandler log = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_logs)
                {
                    _logs.Append(name).Append(": ").AppendLine(e.Data);
                }
            }
        };
        process.OutputDataReceived += log;
        process.ErrorDataReceived += log;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task RequireReady(Uri server, string what, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        string last = "no answer yet";
        while (watch.Elapsed < timeout)
        {
            try
            {
                using var response = await _http.GetAsync(new Uri(server, "-/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            if (_processes.FirstOrDefault(p => p.HasExited) is { } dead)
            {
                last = $"{dead.StartInfo.FileName} exited with code {dead.ExitCode}";
                break;
            }

            await Task.Delay(200);
        }

        string logs;
        lock (_logs)
        {
            logs = _logs.Length == 0 ? "" : "\nServer output:\n" + string.Join('\n', _logs.ToString().Split('\n').TakeLast(30));
        }

        throw new InvalidOperationException($"{what} at {server} did not answer {server}-/ready within {timeout.TotalSeconds:0} s ({last}). Start it, or fix the variable.{logs}");
    }

    private static async Task Require(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The Pushgateway refused the {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindExecutable(string name)
    {
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin");
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>The checkout, found by walking up from the test assembly to ModelRelease.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelRelease.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No ModelRelease.slnx above {AppContext.BaseDirectory}: the metrics tests read .ci/prometheus-test.yml from the checkout.");
    }
}
