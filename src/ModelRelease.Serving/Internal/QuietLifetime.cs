using Microsoft.Extensions.Hosting;

namespace ModelRelease.Serving.Internal;

/// <summary>
/// A host lifetime that neither prints nor hooks Ctrl-C/SIGTERM: the server is a library, and whoever hosts it (the
/// Serve task, a test) decides when it stops.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
