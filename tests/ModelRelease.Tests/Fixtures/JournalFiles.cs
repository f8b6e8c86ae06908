using System.Diagnostics;
using System.Text.Json;
using ModelRelease.Internal;

namespace ModelRelease.Tests.Fixtures;

/// <summary>Journal entries as another process would have left them, for clean-up tests.</summary>
internal static class JournalFiles
{
    /// <summary>The pid of a process that has exited.</summary>
    public static async Task<int> ExitedPid()
    {
        using var exited = Process.Start("true")!;
        await exited.WaitForExitAsync();
        return exited.Id;
    }

    /// <summary>Writes an entry of a push by <paramref name="pid"/> on <paramref name="host"/> and returns its path.</summary>
    public static string Write(ServingLayout layout, int pid, string host, IReadOnlyList<string>? creates = null, IReadOnlyList<string>? removes = null, long processStart = 1, string operation = "push")
    {
        var id = $"test-{Guid.NewGuid():N}";
        var entry = new JournalEntry(id, operation, "mnist", pid, processStart, host, DateTimeOffset.UtcNow,
            (creates ?? []).Select(layout.Relative).ToList(), (removes ?? []).Select(layout.Relative).ToList());
        Directory.CreateDirectory(layout.JournalDirectory);
        var path = Path.Combine(layout.JournalDirectory, id + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(entry));
        return path;
    }
}
