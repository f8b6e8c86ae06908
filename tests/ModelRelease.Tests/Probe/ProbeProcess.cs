using System.Diagnostics;

namespace ModelRelease.Tests.Probe;

/// <summary>A <see cref="RegistryProbe"/> running in its own process.</summary>
public sealed class ProbeProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private ProbeProcess(Process process)
    {
        _process = process;
        _stdout = process.StandardOutput.ReadToEndAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts <c>dotnet ModelRelease.Tests.dll ARGS</c> with the same dotnet that runs the tests.</summary>
    public static ProbeProcess Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start"/>, with <paramref name="environment"/> added to the child's variables (its store, a password).</summary>
    public static ProbeProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(typeof(RegistryProbe).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new ProbeProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Waits until the probe stops at its hang point (it writes <paramref name="readyFile"/>), failing if it exits first.</summary>
    public async Task WaitUntilHangingAsync(string readyFile)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!File.Exists(readyFile))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The probe exited with {_process.ExitCode} before reaching its hang point: {await _stderr}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The probe did not reach its hang point within 60 s.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>SIGKILL: no finally block, no rollback, no clean-up runs, as when the kernel kills a job.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for a normal exit and returns the exit code and output.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
