using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelRelease.EndToEnd.Tests;

/// <summary>
/// Serve as a person runs it: ./build.sh -t Serve on the Demo's serving root, in a subprocess, answering predict and
/// status requests over HTTP, then stopped with SIGTERM (what Ctrl-C, a supervisor or a CI timeout sends) and exiting 0.
/// </summary>
[Collection(BuildHostCollection.Name)]
public sealed partial class ServeTests(BuildHostFixture fixture)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Should_Serve_The_Demo_Root_Over_Http_And_Stop_Cleanly_On_Sigterm()
    {
        fixture.EnsureHostBuilt();
        var demo = fixture.Run("--target=Demo", "--root=serve-demo");
        Assert.True(demo.ExitCode == 0, demo.ToString());

        var start = ChildProcess.StartInfo(fixture.PathOf("build.sh"), ["--target=Serve", "--root=serve-demo/serving_model", "--port=0"], fixture.Root);
        using var serve = Process.Start(start)!;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        serve.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        serve.BeginErrorReadLine();
        try
        {
            var address = await ReadAddress(serve, output);
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };

            using var predict = await http.PostAsync("v1/models/sentiment:predict", new StringContent("""{"instances":[{"text":"a great wonderful film"}],"labels":[1]}""", Encoding.UTF8, "application/json"));
            var body = await predict.Content.ReadAsStringAsync();
            Assert.True(predict.IsSuccessStatusCode, body);
            Assert.Equal("v6", predict.Headers.GetValues("X-Model-Version").Single());
            using var prediction = JsonDocument.Parse(body);
            Assert.True(prediction.RootElement.GetProperty("predictions")[0].GetProperty("Probability").GetSingle() > 0.5f);

            using var status = JsonDocument.Parse(await http.GetStringAsync("v1/models/sentiment"));
            var version = status.RootElement.GetProperty("model_version_status").EnumerateArray().Single();
            Assert.Equal("AVAILABLE", version.GetProperty("state").GetString());

            var metrics = await http.GetStringAsync("metrics");
            Assert.Contains("requests_total{model=\"sentiment\",version=\"v6\"} 1", metrics, StringComparison.Ordinal);
        }
        finally
        {
            // build.sh execs the host, so the process is the host itself: SIGTERM reaches it, not a shell.
            using var kill = Process.Start("kill", ["-TERM", serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        var rest = serve.StandardOutput.ReadToEndAsync();
        Assert.True(serve.WaitForExit(30_000), "Serve did not stop within 30 s of SIGTERM");
        output.Append(await rest);
        Assert.True(serve.ExitCode == 0, $"Serve exited {serve.ExitCode}.{Environment.NewLine}{output}{Environment.NewLine}{errors}");
        Assert.Contains("Stopping: finishing the requests in flight.", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Reads Serve's output until it prints where it serves (the host may be built first).</summary>
    private static async Task<Uri> ReadAddress(Process serve, StringBuilder output)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        while (await serve.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            output.AppendLine(line);
            if (ServingLine().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"Serve ended without printing its address:{Environment.NewLine}{output}");
    }

    [GeneratedRegex(@"^Serving .* on (http://127\.0\.0\.1:\d+/):$")]
    private static partial Regex ServingLine();
}
