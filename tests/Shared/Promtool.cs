using System.Diagnostics;

namespace ModelRelease.Testing;

/// <summary>
/// Prometheus' own checker of exposition text, <c>promtool check metrics</c> (Debian's prometheus package ships it;
/// .ci/run installs that). A missing promtool fails the test: the format is only proven by the real parser.
/// </summary>
public static class Promtool
{
    /// <summary>Runs <c>promtool check metrics</c> on <paramref name="text"/>; returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) CheckMetrics(string text)
    {
        var promtool = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(d => Path.Combine(d, "promtool"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "promtool is not installed: it comes with Debian's prometheus package (sudo apt-get install prometheus), which .ci/run installs.");
        var info = new ProcessStartInfo(promtool) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("check");
        info.ArgumentList.Add("metrics");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(text);
        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
