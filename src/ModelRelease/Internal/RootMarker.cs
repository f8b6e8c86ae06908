using System.Text.Json;
using System.Text.Json.Nodes;

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
    public static string? Read(ServingLayout layout)
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

            var json = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new InvalidDataException("it is empty");
            var id = json["rootId"]?.GetValue<string>();
            if (json["format"]?.GetValue<int>() is not Format || string.IsNullOrWhiteSpace(id) || !Guid.TryParseExact(id, "N", out _))
            {
                throw new InvalidDataException($"it needs \"format\": {Format} and a \"rootId\" of 32 hex digits");
            }

            return id;
        }
        catch (Exception error) when (error is JsonException or InvalidDataException or InvalidOperationException or FormatException or IOException)
        {
            throw new RegistryException(
                $"The root marker {path} is damaged ({error.Message}), so which registry this root belongs to is unknown. " +
                "Restore it from a backup, or ask ModelRelease to re-adopt the root with its store: ./build.sh -t Adopt --root=<root> --registry=<store>.");
        }
    }

    /// <summary>Writes a new marker with <paramref name="id"/>, atomically; the root directory is created if missing.</summary>
    public static void Write(ServingLayout layout, string id, DateTimeOffset at)
    {
        Directories.Create(layout.StateDirectory);
        var json = new JsonObject
        {
            ["format"] = Format,
            ["rootId"] = id,
            ["createdAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["note"] = "ModelRelease serving root. Its registry records the same rootId; do not copy this file to another root.",
        };
        AtomicFile.WriteAllTextIfChanged(layout.RootMarkerPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>A fresh root id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");
}
