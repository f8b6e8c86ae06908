namespace ModelRelease.Internal;

/// <summary>
/// One step's write-ahead intent, written before the step creates or removes a directory: what it will create and
/// what it will remove, as paths relative to the root, and which process runs it. Clean-up after an interrupted step
/// acts only on these paths, and only once the process is gone: what no entry names is never deleted.
/// </summary>
/// <param name="Id">The entry's file name without extension.</param>
/// <param name="Operation">push or prune.</param>
/// <param name="Model">The model the step works on.</param>
/// <param name="Pid">The process running the step.</param>
/// <param name="ProcessStart">That process's start time (ticks, UTC), so a reused pid is not taken for it.</param>
/// <param name="Host">The machine it runs on.</param>
/// <param name="StartedAt">When the step began.</param>
/// <param name="Creates">Directories the step creates, relative to the root.</param>
/// <param name="Removes">Directories the step removes, relative to the root.</param>
internal sealed record JournalEntry(
    string Id,
    string Operation,
    string Model,
    int Pid,
    long ProcessStart,
    string Host,
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Creates,
    IReadOnlyList<string> Removes);
