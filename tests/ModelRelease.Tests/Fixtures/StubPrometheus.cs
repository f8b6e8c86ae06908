using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelRelease.Tests.Fixtures;

/// <summary>One canned answer of <see cref="StubPrometheus"/>: a status, a body, and how long to wait before sending it.</summary>
public sealed record StubReply(int Status, string Body, TimeSpan Delay = default);

/// <summary>
/// A stand-in for Prometheus' HTTP API on 127.0.0.1: a bare HTTP/1.1 server over a TcpListener that records each
/// request line and answers the n-th request with <c>reply(n)</c>, one connection per request. It is small on
/// purpose, so a test controls exactly what the source reads, including answers slower than its timeout.
/// </summary>
public sealed class StubPrometheus : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, StubReply> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    public StubPrometheus(Func<int, StubReply> reply)
    {
        _reply = reply;
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    /// <summary>The server's base URL, e.g. http://127.0.0.1:45123.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>The request targets received, in order (path and query string).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>A stub that answers every request with <paramref name="body"/> and <paramref name="status"/>.</summary>
    public static StubPrometheus Always(string body, int status = 200) => new(_ => new StubReply(status, body));

    /// <summary>A port on 127.0.0.1 that nothing listens on (bound, read and released).</summary>
    public static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var index = Interlocked.Increment(ref _count) - 1;
            _ = Task.Run(() => AnswerAsync(client, index));
        }
    }

    private async Task AnswerAsync(TcpClient client, int index)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var target = head.Split("\r\n")[0].Split(' ') is [_, var path, ..] ? path : "";
                Requests.Enqueue(target);
                var reply = _reply(index);
                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay, _stop.Token);
                }

                var body = Encoding.UTF8.GetBytes(reply.Body);
                var header = $"HTTP/1.1 {reply.Status} {(HttpStatusCode)reply.Status}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(header), _stop.Token);
                await stream.WriteAsync(body, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up (a timeout test) or the stub is stopping.
            }
        }
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal) && head.Length < 65536)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return head.ToString();
    }
}
