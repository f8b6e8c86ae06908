using System.Diagnostics;
using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// The root's step journal, <c>&lt;root&gt;/.modelrelease/journal/&lt;id&gt;.json</c>: a step writes its intent (and
/// fsyncs it) before it creates or removes a directory, and deletes it once the step is committed and tidied up. A
/// directory is ever deleted by clean-up only if an entry of a process that is gone names it.
/// </summary>
internal sealed class StepJournal(ServingLayout layout)
{
    /// <summary>An entry of another machine is taken for abandoned after this long: its process cannot be looked up from here.</summary>
    private static readonly TimeSpan OtherHostAbandonedAfter = TimeSpan.FromHours(24);


    private static readonly Lazy<long> OwnStart = new(() => StartTicks(Process.GetCurrentProcess()));

    /// <summary>Entries of this process whose step is still under way; one of ours not in here failed without settling.</summary>
    private static readonly HashSet<string> Running = [];

    /// <summary>Writes a new entry for this process and returns it.</summary>
    public JournalEntry Begin(string operation, string model, IReadOnlyList<string> creates, IReadOnlyList<string> removes, DateTimeOffset now)
    {
        var entry = new JournalEntry(
            $"{now.UtcDateTime:yyyyMMddHHmmss}-{Environment.ProcessId}-{Guid.NewGuid():N}", operation, model,
            Environment.ProcessId, OwnStart.Value, Environment.MachineName, now,
            creates.Select(layout.Relative).ToList(), removes.Select(layout.Relative).ToList());
        lock (Running)
        {
            Running.Add(entry.Id);
        }

        Save(entry);
        return entry;
    }

    /// <summary>Rewrites <paramref name="entry"/> with more paths, before the step touches them.</summary>
    public JournalEntry Extend(JournalEntry entry, IReadOnlyList<string>? creates = null, IReadOnlyList<string>? removes = null)
    {
        var extended = entry with
        {
            Creates = entry.Creates.Concat((creates ?? []).Select(layout.Relative)).ToList(),
            Removes = entry.Removes.Concat((removes ?? []).Select(layout.Relative)).ToList(),
        };
        Save(extended);
        return extended;
    }

    /// <summary>Deletes the entry of a step that finished (or whose leftovers are gone).</summary>
    public void Complete(JournalEntry entry)
    {
        Remove(PathOf(entry.Id));
        Release(entry);
    }

    /// <summary>
    /// Marks a step of this process as no longer under way while its entry stays: it failed after a point it cannot
    /// undo in-process (a prune after its commit), so the next sync settles it as it would a crashed process's.
    /// </summary>
    public static void Release(JournalEntry entry)
    {
        lock (Running)
        {
            Running.Remove(entry.Id);
        }
    }

    /// <summary>Deletes an entry file by path.</summary>
    public void Remove(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
            Posix.FsyncDirectory(layout.JournalDirectory);
        }
    }

    /// <summary>Every entry file with what it says; an entry that cannot be read comes back with a null entry and is never acted on.</summary>
    public IReadOnlyList<(string Path, JournalEntry? Entry)> Entries()
    {
        if (!Directory.Exists(layout.JournalDirectory))
        {
            return [];
        }

        // A loop, not Select into tuples: LINQ over a tuple is compiled at run time, on every label move.
        var entries = new List<(string Path, JournalEntry? Entry)>();
        foreach (var file in new DirectoryInfo(layout.JournalDirectory).EnumerateFiles("*.json").OrderBy(file => file.Name, StringComparer.Ordinal))
        {
            entries.Add((file.FullName, TryRead(file)));
        }

        return entries;
    }

    /// <summary>True when the step's process is gone: it died on this host, or the entry is a day old on another one.</summary>
    public static bool IsAbandoned(JournalEntry entry, DateTimeOffset now)
    {
        if (!string.Equals(entry.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase))
        {
            return now - entry.StartedAt > OtherHostAbandonedAfter;
        }

        if (entry.Pid == Environment.ProcessId && entry.ProcessStart == OwnStart.Value)
        {
            lock (Running)
            {
                return !Running.Contains(entry.Id);
            }
        }

        return !IsRunning(entry.Pid, entry.ProcessStart);
    }

    /// <summary>This process's lease, <c>&lt;pid&gt;:&lt;start ticks&gt;</c>, as executions record it.</summary>
    public static string OwnLease => $"{Environment.ProcessId}:{OwnStart.Value}";

    /// <summary>True when the lease's process still runs (on this host).</summary>
    public static bool IsLeaseAlive(string lease)
    {
        var parts = lease.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var pid) && long.TryParse(parts[1], out var start) && IsRunning(pid, start);
    }

    private static bool IsRunning(int pid, long startTicks)
    {
        try
        {
            using var process = Process.GetProcessById(pid);

            // A pid is reused once its process is gone: the start time tells the two apart (to the clock tick /proc keeps).
            return !process.HasExited && Math.Abs(StartTicks(process) - startTicks) < TimeSpan.TicksPerSecond;
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;

    private string PathOf(string id) => Path.Combine(layout.JournalDirectory, id + ".json");

    private void Save(JournalEntry entry)
    {
        // Made again when another job's failed first push removes the empty journal directory right after it was made.
        Directories.Within(layout.JournalDirectory, () => AtomicFile.WriteAllTextIfChanged(PathOf(entry.Id), entry.ToJson()));
    }

    private JournalEntry? TryRead(FileInfo file)
    {
        try
        {
            if (file.Length > 1024 * 1024)
            {
                return null;
            }

            var entry = JournalEntry.FromJson(File.ReadAllText(file.FullName));

            // Only paths under the root are ever acted on, whatever the file says.
            return entry is null || entry.Creates.Concat(entry.Removes).Any(path => !IsInsideRoot(path)) ? null : entry;
        }
        catch (Exception error) when (error is JsonException or IOException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private bool IsInsideRoot(string relative)
    {
        var full = layout.Absolute(relative);
        return full.StartsWith(layout.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && !full.StartsWith(layout.StateDirectory + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
