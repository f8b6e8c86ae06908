using System.Globalization;

namespace ModelRelease.Internal;

/// <summary>
/// Moves what the store does not know out of the serving directory into <c>&lt;root&gt;/.modelrelease/quarantine/</c>,
/// by a rename within the root: nothing ModelRelease cannot prove it made is ever deleted, only set aside and reported.
/// </summary>
internal static class Quarantine
{
    /// <summary>Moves <paramref name="path"/> into the quarantine and returns where it went.</summary>
    public static string Move(ServingLayout layout, string path, DateTimeOffset now)
    {
        Directories.Create(layout.QuarantineDirectory);
        var relative = layout.Relative(path).Replace('/', '-');
        var stamp = now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var destination = Path.Combine(layout.QuarantineDirectory, $"{stamp}-{relative}");
        for (var n = 2; Path.Exists(destination); n++)
        {
            destination = Path.Combine(layout.QuarantineDirectory, $"{stamp}-{relative}-{n}");
        }

        Posix.Rename(path, destination);
        Posix.FsyncDirectory(layout.QuarantineDirectory);
        Posix.FsyncDirectory(Path.GetDirectoryName(path)!);
        return destination;
    }
}
