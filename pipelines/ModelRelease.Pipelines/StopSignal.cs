using System.Runtime.InteropServices;

namespace ModelRelease.Pipelines;

/// <summary>
/// Ctrl-C and SIGTERM as a cancellation, for tasks that run until they are stopped (Serve, Traffic): the process is
/// not killed mid-request, the task finishes what is in flight and prints its summary, and a CI job's timeout or a
/// supervisor stops it the same way a person does. Disposing it gives both signals back.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigterm;

    /// <summary>Starts listening for Ctrl-C and SIGTERM.</summary>
    public StopSignal()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
        {
            signal.Cancel = true;
            _stop.Cancel();
        });
    }

    /// <summary>Cancelled on the first Ctrl-C or SIGTERM.</summary>
    public CancellationToken Token => _stop.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        _stop.Cancel();
    }
}
