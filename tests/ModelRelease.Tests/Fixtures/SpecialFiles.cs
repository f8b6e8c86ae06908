using System.Diagnostics;
using System.Net.Sockets;

namespace ModelRelease.Tests.Fixtures;

/// <summary>Makes the non-regular files an artifact must never contain, with the real tools, not mocks.</summary>
public static class SpecialFiles
{
    /// <summary>Creates a named pipe with mkfifo(1).</summary>
    public static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"mkfifo {path} failed: {error}");
    }

    /// <summary>
    /// Binds a Unix domain socket at <paramref name="path"/>. Keep the socket alive while the test needs the file:
    /// .NET unlinks the socket file when the socket it bound is disposed.
    /// </summary>
    public static Socket BindSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }
}
