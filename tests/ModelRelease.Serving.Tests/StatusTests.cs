using System.Net;
using System.Text.Json.Nodes;
using ModelRelease.Serving.Tests.Fixtures;
using ModelRelease.Testing;

namespace ModelRelease.Serving.Tests;

[Collection(ServingCollection.Name)]
public sealed class StatusTests(TrainedSentiment models) : IDisposable
{
    private readonly ServingRoot _root = new();

    [Fact]
    public async Task Should_Report_Available_For_A_Loaded_Version_And_End_With_The_Error_For_A_Broken_One()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.AddBrokenVersion("sentiment", "v2", 2);
        _root.Configure("sentiment", [("stable", "v1", 1, 90), ("canary", "v2", 2, 10)]);
        var log = new List<string>();
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0, Log = line => { lock (log) { log.Add(line); } } });
        using var client = new HttpClient { BaseAddress = server.Address };

        var status = JsonNode.Parse(await client.GetStringAsync("v1/models/sentiment"))!["model_version_status"]!.AsArray();

        var loaded = status.Single(s => s!["version"]!.GetValue<string>() == "1")!;
        Assert.Equal("AVAILABLE", loaded["state"]!.GetValue<string>());
        Assert.Equal("OK", loaded["status"]!["error_code"]!.GetValue<string>());
        var broken = status.Single(s => s!["version"]!.GetValue<string>() == "2")!;
        Assert.Equal("END", broken["state"]!.GetValue<string>());
        Assert.Equal("UNKNOWN", broken["status"]!["error_code"]!.GetValue<string>());
        Assert.Contains("model.onnx", broken["status"]!["error_message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ServedState.End, server.States("sentiment").Single(s => s.Number == 2).State);
        Assert.Contains(log, line => line.Contains("Could not load sentiment version 2 (v2)", StringComparison.Ordinal));

        var one = JsonNode.Parse(await client.GetStringAsync("v1/models/sentiment/versions/1"))!["model_version_status"]!.AsArray();
        Assert.Equal("1", Assert.Single(one)!["version"]!.GetValue<string>());
        var canary = JsonNode.Parse(await client.GetStringAsync("v1/models/sentiment/labels/canary"))!["model_version_status"]!.AsArray();
        Assert.Equal("END", Assert.Single(canary)!["state"]!.GetValue<string>());
        using var direct = await client.PostAsync("v1/models/sentiment/versions/2:predict", Requests.Body(Requests.Reviews(1)));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, direct.StatusCode);
    }

    [Fact]
    public async Task Should_Not_Report_Available_Nor_Route_To_A_Version_Still_Loading()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0, PollInterval = TimeSpan.FromMilliseconds(50) });
        using var client = new HttpClient { BaseAddress = server.Address };

        // A FIFO as model.onnx: ONNX Runtime's load blocks reading it until the test writes the model in, so the
        // version is caught mid-load for as long as the test wants.
        var directory = _root.VersionDirectory("sentiment", "v2");
        Directory.CreateDirectory(directory);
        var fifo = Path.Combine(directory, "model.onnx");
        Assert.Equal(0, Mkfifo(fifo, Convert.ToInt32("644", 8)));
        File.CreateSymbolicLink(Path.Combine(_root.Path, "sentiment", "serving", "2"), "../versions/v2");
        _root.Configure("sentiment", [("stable", "v1", 1, 50), ("canary", "v2", 2, 50)]);
        var written = false;
        try
        {
        var loading = await WaitForAsync(() => server.States("sentiment").Any(s => s.Number == 2 && s.State == ServedState.Loading));
        Assert.True(loading, "version 2 never showed as loading");
        var status = JsonNode.Parse(await client.GetStringAsync("v1/models/sentiment/versions/2"))!["model_version_status"]![0]!;
        Assert.Equal("LOADING", status["state"]!.GetValue<string>());
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.PostAsync("v1/models/sentiment:predict", Requests.Body(Requests.Reviews(1)));
            Assert.Equal("v1", Requests.Header(response, "X-Model-Version"));
        }

        await File.WriteAllBytesAsync(fifo, await File.ReadAllBytesAsync(Path.Combine(models.Better, "model.onnx")));
        written = true;
        Assert.True(await WaitForAsync(() => server.States("sentiment").Any(s => s.Number == 2 && s.State == ServedState.Available)), "version 2 never became available");
        var available = JsonNode.Parse(await client.GetStringAsync("v1/models/sentiment/versions/2"))!["model_version_status"]![0]!;
        Assert.Equal("AVAILABLE", available["state"]!.GetValue<string>());
        }
        finally
        {
            if (!written)
            {
                // Unblock the load, or stopping the server would wait for it forever.
                await File.WriteAllBytesAsync(fifo, await File.ReadAllBytesAsync(Path.Combine(models.Better, "model.onnx")));
            }
        }
    }

    [Fact]
    public async Task Should_Describe_The_Signature_In_The_Metadata()
    {
        _root.AddVersion("sentiment", "v1", 1, models.Good);
        _root.Configure("sentiment", [("stable", "v1", 1, 100)]);
        await using var server = await ModelServer.StartAsync(new ServingOptions { Root = _root.Path, Port = 0 });
        using var client = new HttpClient { BaseAddress = server.Address };

        var metadata = JsonNode.Parse(await client.GetStringAsync("v1/models/sentiment/metadata"))!;

        Assert.Equal("1", metadata["model_spec"]!["version"]!.GetValue<string>());
        var signature = metadata["metadata"]!["signature_def"]!["signature_def"]!["serving_default"]!;
        Assert.Equal("string", signature["inputs"]!["text"]!["dtype"]!.GetValue<string>());
        Assert.Equal("float", signature["outputs"]!["Probability"]!["dtype"]!.GetValue<string>());
    }

    public void Dispose() => _root.Dispose();

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        return condition();
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int Mkfifo(string path, int mode);
}
