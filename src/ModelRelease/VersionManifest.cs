using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// Every file of an artifact with its size and hash, and every empty directory, sorted by path, and one digest over
/// all of it. Two artifacts with the same digest hold the same bytes under the same names, which is what makes a
/// repeated push idempotent.
/// </summary>
public sealed class VersionManifest
{
    private string? _digest;

    private VersionManifest(IReadOnlyList<ManifestEntry> entries) => Entries = entries;

    /// <summary>The files and empty directories (<see cref="ManifestEntry.IsDirectory"/>), sorted by path (ordinal).</summary>
    public IReadOnlyList<ManifestEntry> Entries { get; }

    /// <summary><c>sha256:</c> followed by the hex SHA-256 of the canonical listing (path, size and hash per line).</summary>
    /// <remarks>Computed on first use: a manifest read back from the store only to see its files never hashes.</remarks>
    public string Digest => _digest ??= ComputeDigest(Entries);

    /// <summary>Number of files; empty directories are entries but not files, so they do not count.</summary>
    public int FileCount => Entries.Count(e => !e.IsDirectory);

    /// <summary>Total size of all files in bytes.</summary>
    public long TotalBytes => Entries.Sum(e => e.Size);

    /// <summary>Builds a manifest from entries in any order; the digest does not depend on the order given.</summary>
    public static VersionManifest FromEntries(IEnumerable<ManifestEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sorted = entries.OrderBy(e => e.Path, StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Path == sorted[i - 1].Path)
            {
                throw new ArgumentException($"The manifest lists '{sorted[i].Path}' twice.", nameof(entries));
            }
        }

        return new VersionManifest(sorted);
    }

    /// <summary>The manifest as JSON, the form the metadata store keeps.</summary>
    public string ToJson() => JsonText.Write(writer =>
    {
        writer.WriteStartArray();
        foreach (var entry in Entries)
        {
            writer.WriteStartObject();
            writer.WriteString("path", entry.Path);
            writer.WriteNumber("size", entry.Size);
            writer.WriteString("sha256", entry.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    });

    /// <summary>Reads a manifest written by <see cref="ToJson"/>.</summary>
    public static VersionManifest FromJson(string json) => FromEntries(JsonText.Read(json, root =>
    {
        if (root.ValueKind == JsonValueKind.Null)
        {
            throw new RegistryException("A stored manifest is empty; the metadata store may be damaged.");
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("A stored manifest is not a JSON array.");
        }

        var entries = new List<ManifestEntry>(root.GetArrayLength());
        foreach (var item in root.EnumerateArray())
        {
            entries.Add(new ManifestEntry(JsonText.RequiredString(item, "path"), JsonText.RequiredInt64(item, "size"), JsonText.RequiredString(item, "sha256")));
        }

        return entries;
    }));

    /// <summary>
    /// The digest is over "path\tsize\tsha256\n" lines, so a renamed file, a changed byte, an added empty file or an
    /// added empty directory ("dir/\t0\t\n", a different tree to serve) all change it, and no two different listings
    /// can run together into the same text: the scanners refuse file names holding a tab, a newline or another
    /// control character.
    /// </summary>
    private static string ComputeDigest(IEnumerable<ManifestEntry> sorted)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in sorted)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{entry.Path}\t{entry.Size}\t{entry.Sha256}\n"));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
