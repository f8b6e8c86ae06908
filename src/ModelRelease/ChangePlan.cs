namespace ModelRelease;

/// <summary>
/// The effects a task would have, built without touching anything. A dry run prints it; a real run
/// may print it too before acting, so the rehearsal and the release say the same thing.
/// </summary>
public sealed class ChangePlan
{
    private readonly List<PlannedChange> _changes = [];

    /// <summary>The planned changes, in the order they would happen.</summary>
    public IReadOnlyList<PlannedChange> Changes => _changes;

    /// <summary>True when the task would change nothing.</summary>
    public bool IsEmpty => _changes.Count == 0;

    /// <summary>Adds a change of any kind.</summary>
    public ChangePlan Add(ChangeKind kind, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        _changes.Add(new PlannedChange(kind, description));
        return this;
    }

    /// <summary>Would copy <paramref name="files"/> files of <paramref name="bytes"/> in all to <paramref name="destination"/>.</summary>
    public ChangePlan Copy(int files, long bytes, string destination) =>
        Add(ChangeKind.Copy, $"copy {files} {(files == 1 ? "file" : "files")} ({ByteSize.Format(bytes)}) to {destination}");

    /// <summary>Would move <paramref name="label"/> from <paramref name="from"/> (or nowhere) to <paramref name="to"/>.</summary>
    public ChangePlan MoveLabel(string label, string? from, string to) =>
        Add(ChangeKind.Move, from is null ? $"set {label} to {to}" : $"move {label} from {from} to {to}");

    /// <summary>Would delete <paramref name="what"/>, reclaiming <paramref name="bytes"/>.</summary>
    public ChangePlan Delete(string what, long bytes) =>
        Add(ChangeKind.Delete, $"delete {what} ({ByteSize.Format(bytes)})");

    /// <summary>Would write the file <paramref name="path"/>.</summary>
    public ChangePlan Write(string path, string? why = null) =>
        Add(ChangeKind.Write, why is null ? $"write {path}" : $"write {path} ({why})");

    /// <summary>Would record <paramref name="what"/> in the metadata store.</summary>
    public ChangePlan Record(string what) => Add(ChangeKind.Record, $"record {what}");

    /// <summary>Would run the command line <paramref name="command"/>.</summary>
    public ChangePlan Run(string command) => Add(ChangeKind.Run, $"run {command}");
}
