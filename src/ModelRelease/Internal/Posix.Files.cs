using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ModelRelease.Internal;

/// <summary>
/// The native calls behind a push's copy: a file's stat (to notice a change without reading it again), the
/// kernel's copy (a reflink where the filesystem shares extents, copy_file_range(2) otherwise) and an early start
/// of write-back, so the flush before the rename has little left to wait for. All are Linux-only; elsewhere they
/// say "not offered" and the caller copies through its own buffer.
/// </summary>
internal static partial class Posix
{
    private const uint StatxBasicStats = 0x7ff;
    private const int AtEmptyPath = 0x1000;

    /// <summary>ioctl FICLONE: _IOW(0x94, 9, int).</summary>
    private const ulong Ficlone = 0x40049409;

    private const uint SyncFileRangeWrite = 2;

    /// <summary>
    /// Makes <paramref name="destination"/> share <paramref name="source"/>'s extents (a reflink, as
    /// <c>cp --reflink</c> does): instant and no extra space. False where the filesystem cannot (ext4, tmpfs,
    /// different filesystems, not Linux); then nothing was written.
    /// </summary>
    public static bool TryClone(SafeFileHandle source, SafeFileHandle destination) =>
        OperatingSystem.IsLinux() && WithDescriptors(source, destination, (from, to) => NativeIoctl(to, Ficlone, from) == 0);

    /// <summary>
    /// Copies up to <paramref name="count"/> bytes in the kernel (copy_file_range(2)) from <paramref name="source"/>
    /// at <paramref name="sourceOffset"/> to <paramref name="destination"/> at <paramref name="destinationOffset"/>,
    /// without passing them through this process. Returns the bytes copied (0 at the source's end), or -1 when the
    /// kernel or filesystem does not offer it here, so the caller copies through a buffer from the same offsets.
    /// </summary>
    /// <exception cref="IOException">The copy failed (no space, an I/O error).</exception>
    public static long CopyRange(SafeFileHandle source, long sourceOffset, SafeFileHandle destination, long destinationOffset, int count)
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        return WithDescriptors(source, destination, (from, to) =>
        {
            while (true)
            {
                var inOffset = sourceOffset;
                var outOffset = destinationOffset;
                var copied = NativeCopyFileRange(from, ref inOffset, to, ref outOffset, (nuint)count, 0);
                if (copied >= 0)
                {
                    return copied;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno == EIntr)
                {
                    continue;
                }

                // ENOSYS (old kernel), EXDEV (across filesystems before 5.3), EINVAL/EOPNOTSUPP (a filesystem
                // without it), EBADF/EPERM (special files, sealed files): the buffered copy can still do it.
                return errno is 38 or 18 or 22 or 95 or 9 or 1
                    ? -1
                    : throw new IOException($"Could not copy file data in the kernel: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        });
    }

    /// <summary>
    /// Starts writing <paramref name="count"/> bytes at <paramref name="offset"/> of <paramref name="file"/> to disk
    /// without waiting (sync_file_range, SYNC_FILE_RANGE_WRITE). Only a head start for the fsync that follows, never a
    /// durability guarantee, so a failure or a platform without it is ignored.
    /// </summary>
    public static void StartWriteback(SafeFileHandle file, long offset, long count)
    {
        if (OperatingSystem.IsLinux())
        {
            WithDescriptors(file, file, (fd, _) => NativeSyncFileRange(fd, offset, count, SyncFileRangeWrite));
        }
    }

    /// <summary>
    /// The stamp of the file <paramref name="path"/> names (following links, as opening it does), or null when it
    /// does not exist. Used to notice an artifact file that changed while it was copied, without reading it twice.
    /// </summary>
    /// <exception cref="IOException">The path could not be inspected.</exception>
    public static FileStamp? StampOf(string path)
    {
        RefuseNul(path, nameof(path));
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, TicksToNanoseconds(info.LastWriteTimeUtc), 0, 0, 0) : null;
        }

        var buffer = new byte[StatxBufferSize];
        if (NativeStatx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENoEnt or ENotDir
                ? null
                : throw new IOException($"Could not stat '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        }

        return StampFromStatx(buffer);
    }

    /// <summary>The stamp of an open file: what was opened, even if its path now names something else.</summary>
    /// <exception cref="IOException">The handle could not be inspected.</exception>
    public static FileStamp StampOf(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        if (!OperatingSystem.IsLinux())
        {
            return new FileStamp(RandomAccess.GetLength(handle), TicksToNanoseconds(File.GetLastWriteTimeUtc(handle)), 0, 0, 0);
        }

        var buffer = new byte[StatxBufferSize];

        // statx(fd, "", AT_EMPTY_PATH) is fstat with nanosecond times and the same layout as the path form.
        return WithDescriptors(handle, handle, (fd, _) => NativeStatx(fd, string.Empty, AtEmptyPath, StatxBasicStats, buffer)) == 0
            ? StampFromStatx(buffer)
            : throw new IOException($"Could not stat an open file: {Marshal.GetLastPInvokeErrorMessage()}");
    }

    /// <summary>statx's layout: stx_ino at 32, stx_size at 40, stx_ctime at 96, stx_mtime at 112 (i64 s + u32 ns), stx_dev at 136/140.</summary>
    private static FileStamp StampFromStatx(byte[] buffer) => new(
        BitConverter.ToInt64(buffer, 40),
        Nanoseconds(buffer, 112),
        Nanoseconds(buffer, 96),
        BitConverter.ToUInt64(buffer, 32),
        ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140));

    private static long Nanoseconds(byte[] buffer, int offset) =>
        (BitConverter.ToInt64(buffer, offset) * 1_000_000_000L) + BitConverter.ToUInt32(buffer, offset + 8);

    private static long TicksToNanoseconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>Runs <paramref name="call"/> with the descriptors of two handles, kept open for the call.</summary>
    private static T WithDescriptors<T>(SafeFileHandle first, SafeFileHandle second, Func<int, int, T> call)
    {
        var addedFirst = false;
        var addedSecond = false;
        try
        {
            first.DangerousAddRef(ref addedFirst);
            second.DangerousAddRef(ref addedSecond);
            return call((int)first.DangerousGetHandle(), (int)second.DangerousGetHandle());
        }
        finally
        {
            if (addedSecond)
            {
                second.DangerousRelease();
            }

            if (addedFirst)
            {
                first.DangerousRelease();
            }
        }
    }

    // ioctl(2) is variadic; FICLONE's argument is one int (the source descriptor), passed like a fixed argument on Linux ABIs.
    [DllImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static extern int NativeIoctl(int fd, ulong request, int argument);

    [DllImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    private static extern long NativeCopyFileRange(int fdIn, ref long offsetIn, int fdOut, ref long offsetOut, nuint length, uint flags);

    [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
    private static extern int NativeSyncFileRange(int fd, long offset, long count, uint flags);
}
