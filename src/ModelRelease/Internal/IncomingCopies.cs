using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelRelease.Internal;

/// <summary>
/// The hidden directory a push copies into before the lock: <c>versions/.incoming-&lt;pid&gt;-&lt;guid&gt;-&lt;host&gt;</c>.
/// Copies happen outside the lock, so another job's copy may be in progress; the name says whose it is, so a copy
/// whose process is gone from this host can be removed at once, and one from another host after a day.
/// </summary>
internal static partial class IncomingCopies
{
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(24);

    /// <summary>A fresh name for this process's next copy.</summary>
    public static string NewName() =>
        $"{ServingLayout.TemporaryPrefix}incoming-{Environment.ProcessId}-{Guid.NewGuid():N}-{Environment.MachineName}";

    /// <summary>True when <paramref name="entry"/> is a copy nobody will finish: its process died here, or it is a day old.</summary>
    public static bool IsAbandoned(FileSystemInfo entry)
    {
        // Directory times come from the filesystem's clock, so they are compared with the real one, not the registry's.
        if (DateTime.UtcNow - entry.LastWriteTimeUtc > AbandonedAfter)
        {
            return true;
        }

        var match = Pattern().Match(entry.Name);
        return match.Success
            && string.Equals(match.Groups["host"].Value, Environment.MachineName, StringComparison.OrdinalIgnoreCase)
            && !IsRunning(int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture));
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^\.incoming-(?<pid>[0-9]{1,10})-[0-9a-f]{32}-(?<host>.+)\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
