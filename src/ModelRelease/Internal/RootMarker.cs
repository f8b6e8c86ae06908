using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// <c>&lt;root&gt;/.modelrelease/root.json</c>: the root's id, which its store records too. Its presence is what makes a
/// directory a ModelRelease root, so a task pointed at some other directory refuses it instead of "syncing" it.
/// </summary>
internal static class RootMarker
{
    private const int Format = 1;

    /// <summary>The id in the marker, or null when the root has none.</summary>
    /// <exception cref="RegistryException">The marker exists but is not one ModelRelease wrote.</exception>
    public static string? Read(ServingLayout layout) => ReadState(layout)?.Id;

    /// <summary>
    /// Records that the store committed <paramref name="generation"/>, unless the marker already says as much or more.
    /// Written after the commit: a crash in between leaves the marker behind the store, which is harmless.
    /// </summary>
    public static void RecordGeneration(ServingLayout layout, long generation)
    {
        if (ReadState(layout) is not { } state || state.Generation >= generation)
        {
            return;
        }

        AtomicFile.WriteAllTextIfChanged(layout.RootMarkerPath, Json(state.Id, state.CreatedAt, generation));
    }

    /// <summary>What the marker holds.</summary>
    /// <param name="Id">The root's id.</param>
    /// <param name="CreatedAt">When the root was made, as written.</param>
    /// <param name="Generation">
    /// The newest store generation the root has seen committed (0 when none is recorded): a store whose generation is
    /// lower is older than the root (a restored backup, a stale copy) and would undo what the root holds.
    /// </param>
    public sealed record State(string Id, string CreatedAt, long Generation);

    /// <summary>The marker, read once; null when the root has none.</summary>
    /// <exception cref="RegistryException">The marker exists but is not one ModelRelease wrote.</exception>
    public static State? ReadState(ServingLayout layout)
    {
        var path = layout.RootMarkerPath;
        if (Posix.KindOf(path) == FileKind.Missing)
        {
            return null;
        }

        try
        {
            if (Posix.KindOf(path) != FileKind.Regular || new FileInfo(path).Length > 64 * 1024)
            {
                throw new InvalidDataException("it is not a small regular file");
            }

            return JsonText.Read(File.ReadAllText(path), ParseState);
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or IOException)
        {
            throw new RegistryException(
                $"The root marker {path} is damaged ({error.Message}), so which registry this root belongs to is unknown. " +
                "Restore it from a backup, or ask ModelRelease to re-adopt the root with its store: ./build.sh -t Adopt --root=<root> --registry=<store>.");
        }
    }

    /// <summary>
    /// The marker's fields, read from its document with <see cref="JsonElement"/> (the reader every release command
    /// already uses; <c>JsonNode</c> would load and compile a second one on every label move).
    /// </summary>
    private static State ParseState(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException(json.ValueKind == JsonValueKind.Null ? "it is empty" : "it is not a JSON object");
        }

        var id = Optional(json, "rootId", JsonValueKind.String)?.GetString();
        var format = Optional(json, "format", JsonValueKind.Number) is { } number && number.TryGetInt32(out var value) ? value : (int?)null;
        if (format is not Format || string.IsNullOrWhiteSpace(id) || !Guid.TryParseExact(id, "N", out _))
        {
            throw new InvalidDataException($"it needs \"format\": {Format} and a \"rootId\" of 32 hex digits");
        }

        var generation = Optional(json, "generation", JsonValueKind.Number) is { } stored
            ? stored.TryGetInt64(out var whole) ? whole : throw new InvalidDataException("its \"generation\" is not a whole number")
            : 0;
        return new State(id, Optional(json, "createdAt", JsonValueKind.String)?.GetString() ?? "", generation);
    }

    /// <summary>The property <paramref name="name"/> when present and not null; a value of another kind than <paramref name="kind"/> is damage.</summary>
    private static JsonElement? Optional(JsonElement json, string name, JsonValueKind kind) =>
        !json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == kind ? value
        : throw new InvalidDataException($"its \"{name}\" is not a {(kind == JsonValueKind.String ? "string" : "number")}");

    /// <summary>Writes (or replaces) the marker with <paramref name="id"/>, atomically; the root directory is created if missing.</summary>
    public static void Write(ServingLayout layout, string id, DateTimeOffset at, long generation = 0)
    {
        Directories.Create(layout.StateDirectory);
        AtomicFile.WriteAllTextIfChanged(layout.RootMarkerPath, Json(id, Stamp(at), generation));
    }

    /// <summary>
    /// Writes the marker with <paramref name="id"/> only if the root has none yet, atomically and exclusively: of two
    /// jobs making a new root at once (even with different stores, so different locks), exactly one gets its id in.
    /// </summary>
    /// <returns>False when a marker already exists (another job won); nothing is changed then.</returns>
    public static bool TryCreate(ServingLayout layout, string id, DateTimeOffset at)
    {
        Directories.Create(layout.StateDirectory);
        var temp = TempName.For(layout.RootMarkerPath);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(Json(id, Stamp(at), 0)));
                stream.Flush(flushToDisk: true);
            }

            var created = Posix.LinkNew(temp, layout.RootMarkerPath);
            if (created)
            {
                Posix.FsyncDirectory(layout.StateDirectory);
            }

            return created;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Json(string id, string createdAt, long generation) => JsonText.Write(
        writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Format);
            writer.WriteString("rootId", id);
            writer.WriteString("createdAt", createdAt);
            writer.WriteNumber("generation", generation);
            writer.WriteString("note", "ModelRelease serving root. Its registry records the same rootId and this root's path.");
            writer.WriteEndObject();
        },
        indented: true) + "\n";

    /// <summary>A fresh root id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
