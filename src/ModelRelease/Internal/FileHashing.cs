using System.Buffers;
using System.Security.Cryptography;

namespace ModelRelease.Internal;

/// <summary>
/// The one streaming SHA-256 of a file, shared by the artifact scan, its copy and the dataset fingerprint, so a
/// file hashes the same everywhere: same buffer, same size rule, same hex form.
/// </summary>
internal static class FileHashing
{
    /// <summary>Large enough that a multi-gigabyte checkpoint is read in few system calls; pooled, so not reallocated per file.</summary>
    private const int BufferSize = 1 << 20;

    /// <summary>Opens a file for one sequential read, unbuffered because <see cref="Hash"/> brings its own buffer.</summary>
    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    /// <summary>The manifest entry of the file at <paramref name="path"/>, recorded as <paramref name="manifestPath"/>.</summary>
    /// <remarks>The caller checks first that the path is a regular file: opening a FIFO blocks until a writer appears.</remarks>
    public static ManifestEntry HashFile(string path, string manifestPath)
    {
        using var stream = OpenRead(path);
        return Hash(stream, manifestPath);
    }

    /// <summary>
    /// Reads <paramref name="input"/> to its end, writing every byte to <paramref name="copyTo"/> when one is given,
    /// and returns the entry for what was read. The size is what was hashed, not what a directory listing said a
    /// moment earlier, so the two always agree even when the file is being written.
    /// </summary>
    /// <param name="input">Read from its current position to its end.</param>
    /// <param name="manifestPath">The path the entry records.</param>
    /// <param name="copyTo">Where every byte read is written too, from its current position; null to only hash.</param>
    /// <param name="written">Told the size of each buffer once it is in <paramref name="copyTo"/> (a push's write-back and progress).</param>
    public static ManifestEntry Hash(Stream input, string manifestPath, Stream? copyTo = null, Action<int>? written = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long size = 0;
            int read;
            while ((read = input.Read(buffer, 0, BufferSize)) > 0)
            {
                if (copyTo is not null)
                {
                    copyTo.Write(buffer, 0, read);
                    written?.Invoke(read);
                }

                hash.AppendData(buffer, 0, read);
                size += read;
            }

            return new ManifestEntry(manifestPath, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
