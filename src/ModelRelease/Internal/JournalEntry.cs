using System.Text.Json;

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
    IReadOnlyList<string> Removes)
{
    /// <summary>The entry's file: indented, with the property names above (as JsonSerializer wrote it).</summary>
    public string ToJson() => JsonText.Write(
        writer =>
        {
            writer.WriteStartObject();
            writer.WriteString(nameof(Id), Id);
            writer.WriteString(nameof(Operation), Operation);
            writer.WriteString(nameof(Model), Model);
            writer.WriteNumber(nameof(Pid), Pid);
            writer.WriteNumber(nameof(ProcessStart), ProcessStart);
            writer.WriteString(nameof(Host), Host);
            writer.WriteString(nameof(StartedAt), StartedAt);
            WritePaths(writer, nameof(Creates), Creates);
            WritePaths(writer, nameof(Removes), Removes);
            writer.WriteEndObject();
        },
        indented: true);

    /// <summary>An entry read back; a file of another shape is a <see cref="JsonException"/>.</summary>
    public static JournalEntry FromJson(string json) => JsonText.Read(json, root => new JournalEntry(
        JsonText.RequiredString(root, nameof(Id)),
        JsonText.RequiredString(root, nameof(Operation)),
        JsonText.RequiredString(root, nameof(Model)),
        checked((int)JsonText.RequiredInt64(root, nameof(Pid))),
        JsonText.RequiredInt64(root, nameof(ProcessStart)),
        JsonText.RequiredString(root, nameof(Host)),
        JsonText.RequiredTime(root, nameof(StartedAt)),
        JsonText.ReadStrings(JsonText.Required(root, nameof(Creates)), nameof(Creates)),
        JsonText.ReadStrings(JsonText.Required(root, nameof(Removes)), nameof(Removes))));

    private static void WritePaths(Utf8JsonWriter writer, string name, IReadOnlyList<string> paths)
    {
        writer.WriteStartArray(name);
        foreach (var path in paths)
        {
            writer.WriteStringValue(path);
        }

        writer.WriteEndArray();
    }
}
