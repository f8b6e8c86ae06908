using System.Text;

namespace ModelRelease.Internal;

/// <summary>
/// Replaces a small file (a serving config, a routing table, a pointer file) so that readers see the old content
/// or the new, never a torn write, and a crash leaves one of the two on disk.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes <paramref name="content"/> (UTF-8 without BOM, line endings exactly as given) to
    /// <paramref name="path"/> through a temporary sibling that is flushed to disk and renamed over the target,
    /// then syncs the directory. Returns false, writing nothing, when the file already holds exactly these bytes,
    /// so an unchanged config does not wake up a watcher such as TF Serving's config poller.
    /// </summary>
    /// <remarks>
    /// On failure the temporary file is removed and the old file is untouched. On Unix an existing file's
    /// permission bits are carried over to the replacement. A symlink at <paramref name="path"/> is replaced by a
    /// regular file, not written through.
    /// </remarks>
    /// <exception cref="IOException">The file could not be written or renamed into place (for example, the path is a directory).</exception>
    public static bool WriteAllTextIfChanged(string path, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        return WriteAllBytesIfChanged(path, Utf8NoBom.GetBytes(content));
    }

    /// <summary>
    /// <see cref="WriteAllTextIfChanged"/> for bytes as they are: a config put back exactly as it was found
    /// (a refused label move restores what the server had), whatever its encoding.
    /// </summary>
    public static bool WriteAllBytesIfChanged(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(bytes);

        var target = Path.GetFullPath(path);
        var existing = Posix.KindOf(target);
        if (existing == FileKind.Regular && HoldsExactly(target, bytes))
        {
            return false;
        }

        var temp = TempName.For(target);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                stream.Write(bytes);
                if (existing == FileKind.Regular && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(stream.SafeFileHandle, File.GetUnixFileMode(target));
                }

                stream.Flush(flushToDisk: true);
            }

            Posix.Rename(temp, target);
        }
        catch
        {
            DeleteQuietly(temp);
            throw;
        }

        Posix.FsyncDirectory(Path.GetDirectoryName(target)!);
        return true;
    }

    private static bool HoldsExactly(string path, byte[] bytes)
    {
        // Configs are small; a length check first skips reading a file that obviously differs.
        return new FileInfo(path).Length == bytes.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes);
    }

    private static void DeleteQuietly(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report; a stray hidden temp file is harmless.
        }
    }
}
