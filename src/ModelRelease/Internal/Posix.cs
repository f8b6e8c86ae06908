using System.Runtime.InteropServices;

namespace ModelRelease.Internal;

/// <summary>
/// The few filesystem calls .NET does not offer: an atomic rename over a symlink to a directory (File.Move throws
/// there), an fsync of a directory (File.OpenHandle refuses directories) and the file type of a path without
/// following it (.NET cannot tell a FIFO from a regular file, and opening a FIFO blocks).
/// </summary>
/// <remarks>
/// DllImport rather than LibraryImport: the generated LibraryImport stubs need AllowUnsafeBlocks, which this
/// project does not enable; these signatures (strings, ints, a byte array) are marshalled by the runtime instead.
/// "libc" resolves to libc.so.6 on Linux and libSystem on macOS.
/// </remarks>
internal static partial class Posix
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxIno = 0x100;
    private const int StatxModeOffset = 28;
    private const int StatxBufferSize = 256;

    // macOS's 64-bit-inode struct stat puts st_mode (u16) right after the 4-byte st_dev; 144 bytes is its size.
    private const int MacStatModeOffset = 4;
    private const int MacStatBufferSize = 256;

    private const int EIntr = 4;
    private const int ENoEnt = 2;
    private const int ENotDir = 20;
    private const int EInval = 22;

    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/> atomically, replacing whatever file or symlink is
    /// at <paramref name="to"/> (including a symlink to a directory): a reader sees the old entry or the new one,
    /// never neither.
    /// </summary>
    /// <remarks>
    /// On Windows a file (or pointer file) moves with <see cref="File.Move(string, string, bool)"/> and overwrite,
    /// which replaces it atomically on NTFS, and a directory (a finished version copy) with
    /// <see cref="Directory.Move(string, string)"/>, whose destination never exists there. Windows serving roots
    /// use pointer files instead of symlinks, so replacing a symlink to a directory does not arise there.
    /// </remarks>
    /// <exception cref="IOException">The rename failed; the message holds both paths and the system's reason.</exception>
    public static void Rename(string from, string to)
    {
        RefuseNul(from, nameof(from));
        RefuseNul(to, nameof(to));
        if (OperatingSystem.IsWindows())
        {
            if (Directory.Exists(from) && new DirectoryInfo(from).LinkTarget is null)
            {
                Directory.Move(from, to);
            }
            else
            {
                File.Move(from, to, overwrite: true);
            }

            return;
        }

        if (NativeRename(from, to) != 0)
        {
            throw new IOException($"Could not rename '{from}' to '{to}': {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    /// <summary>
    /// Gives the file <paramref name="from"/> the second name <paramref name="to"/> only if nothing has that name yet,
    /// atomically (link(2), which fails with EEXIST): of two processes racing to create <paramref name="to"/>, exactly
    /// one wins, and readers never see a half-written file. Returns false when <paramref name="to"/> exists.
    /// </summary>
    /// <exception cref="IOException">The link failed for another reason.</exception>
    public static bool LinkNew(string from, string to)
    {
        RefuseNul(from, nameof(from));
        RefuseNul(to, nameof(to));
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Copy(from, to, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(to))
            {
                return false;
            }
        }

        if (NativeLink(from, to) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == EEXIST
            ? false
            : throw new IOException($"Could not link '{from}' to '{to}': {Marshal.GetPInvokeErrorMessage(error)}");
    }

    /// <summary>
    /// Makes the directory <paramref name="path"/> and nothing else (mkdir(2)): unlike
    /// <see cref="Directory.CreateDirectory(string)"/>, it never makes a missing parent on the way, whose entry nobody
    /// would sync. Returns false when the parent does not exist.
    /// </summary>
    /// <exception cref="IOException">Something already has that name, or the directory could not be made.</exception>
    public static bool MakeDirectory(string path)
    {
        RefuseNul(path, nameof(path));
        if (OperatingSystem.IsWindows())
        {
            if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))))
            {
                return false;
            }

            if (Path.Exists(path))
            {
                throw new IOException($"Could not make the directory '{path}': something with that name exists.");
            }

            Directory.CreateDirectory(path);
            return true;
        }

        // 0777 less the umask, as Directory.CreateDirectory makes them.
        if (NativeMakeDirectory(path, 0b111_111_111) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == ENoEnt
            ? false
            : throw new IOException($"Could not make the directory '{path}': {Marshal.GetPInvokeErrorMessage(error)}");
    }

    /// <summary>
    /// Flushes a directory's entries to disk, so that a rename or a new file in it survives a power cut. A no-op on
    /// Windows, where NTFS journals the metadata and directories cannot be opened for flushing.
    /// </summary>
    /// <remarks>
    /// A filesystem that cannot sync directories (EINVAL, as some network and FUSE filesystems answer) is not an
    /// error: there is nothing more this process could do to make the entry durable.
    /// </remarks>
    /// <exception cref="IOException">The directory could not be opened or synced.</exception>
    public static void FsyncDirectory(string path)
    {
        RefuseNul(path, nameof(path));
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd;
        do
        {
            fd = NativeOpen(path, OpenDirectoryFlags());
        }
        while (fd < 0 && Marshal.GetLastPInvokeError() == EIntr);

        if (fd < 0)
        {
            throw new IOException($"Could not open directory '{path}' to sync it: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        try
        {
            int result;
            do
            {
                result = NativeFsync(fd);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == EIntr);

            if (result != 0 && Marshal.GetLastPInvokeError() != EInval)
            {
                throw new IOException($"Could not sync directory '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
        finally
        {
            // close(2) must not be retried on EINTR (Linux frees the descriptor anyway), and a read-only
            // descriptor has nothing left to report, so its result is ignored.
            _ = NativeClose(fd);
        }
    }

    /// <summary>What <paramref name="path"/> is, without following a symlink at its end.</summary>
    /// <exception cref="IOException">The path could not be inspected (for example, permission denied).</exception>
    /// <exception cref="PlatformNotSupportedException">The OS is not Linux, macOS or Windows.</exception>
    public static FileKind KindOf(string path)
    {
        RefuseNul(path, nameof(path));
        if (OperatingSystem.IsWindows())
        {
            return WindowsKindOf(path);
        }

        int modeOffset;
        int result;
        var buffer = new byte[Math.Max(StatxBufferSize, MacStatBufferSize)];
        if (OperatingSystem.IsLinux())
        {
            result = NativeStatx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer);
            modeOffset = StatxModeOffset;
        }
        else if (OperatingSystem.IsMacOS())
        {
            // On x64 the plain "lstat" symbol is the legacy 32-bit-inode layout; "$INODE64" is the one matching
            // the 64-bit struct. On arm64 there is only the 64-bit one, under the plain name.
            result = RuntimeInformation.ProcessArchitecture == Architecture.X64
                ? NativeMacLstatInode64(path, buffer)
                : NativeMacLstat(path, buffer);
            modeOffset = MacStatModeOffset;
        }
        else
        {
            throw new PlatformNotSupportedException(
                $"Reading the file type of '{path}' is implemented for Linux, macOS and Windows only.");
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno is ENoEnt or ENotDir)
            {
                return FileKind.Missing;
            }

            throw new IOException($"Could not read the file type of '{path}': {Marshal.GetLastPInvokeErrorMessage()}");
        }

        return KindFromMode(BitConverter.ToUInt16(buffer, modeOffset));
    }

    /// <summary>
    /// The device and inode of what <paramref name="path"/> names (following links), as "dev:ino"; null where it
    /// does not exist or on Windows. Two paths with the same identity are one directory: a bind mount, or a root
    /// reached through a link, is the same root; a copy is not.
    /// </summary>
    public static string? IdentityOf(string path)
    {
        RefuseNul(path, nameof(path));
        var buffer = new byte[Math.Max(StatxBufferSize, MacStatBufferSize)];
        if (OperatingSystem.IsLinux())
        {
            // statx: stx_ino at 32, stx_dev_major/minor at 136/140.
            return NativeStatx(AtFdCwd, path, 0, StatxType | StatxIno, buffer) == 0
                ? $"{BitConverter.ToUInt32(buffer, 136)}.{BitConverter.ToUInt32(buffer, 140)}:{BitConverter.ToUInt64(buffer, 32)}"
                : null;
        }

        if (OperatingSystem.IsMacOS() && RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            // The 64-bit-inode struct stat: st_dev (int32) at 0, st_ino (uint64) at 8. lstat of "path/." follows a link.
            return NativeMacLstat(Path.Combine(path, "."), buffer) == 0 ? $"{BitConverter.ToInt32(buffer, 0)}:{BitConverter.ToUInt64(buffer, 8)}" : null;
        }

        return null;
    }

    /// <summary>Maps the S_IFMT bits of a mode, which are the same on Linux and macOS.</summary>
    private static FileKind KindFromMode(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.Symlink,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    private static FileKind WindowsKindOf(string path)
    {
        FileAttributes attributes;
        try
        {
            attributes = File.GetAttributes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return FileKind.Missing;
        }

        if ((attributes & FileAttributes.ReparsePoint) != 0)
        {
            return FileKind.Symlink;
        }

        return (attributes & FileAttributes.Directory) != 0 ? FileKind.Directory : FileKind.Regular;
    }

    /// <summary>
    /// O_RDONLY | O_DIRECTORY | O_CLOEXEC. O_DIRECTORY differs by architecture on Linux and again on macOS;
    /// O_CLOEXEC keeps the descriptor out of tools this process starts.
    /// </summary>
    private static int OpenDirectoryFlags()
    {
        if (OperatingSystem.IsMacOS())
        {
            return 0x100000 | 0x1000000;
        }

        var directory = RuntimeInformation.ProcessArchitecture is Architecture.Arm or Architecture.Arm64 or Architecture.Ppc64le
            ? 0x4000
            : 0x10000;
        return directory | 0x80000;
    }

    /// <summary>A NUL would end the native string early and silently act on a different path.</summary>
    private static void RefuseNul(string path, string parameter)
    {
        ArgumentNullException.ThrowIfNull(path, parameter);
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path '{path.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character.", parameter);
        }
    }

    /// <summary>errno for "File exists", the same on Linux and macOS.</summary>
    private const int EEXIST = 17;

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int NativeLink(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string from,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    // mode_t is 32 bits on Linux and 16 on macOS; either ABI passes it in a full register, so an int carries both.
    [DllImport("libc", EntryPoint = "mkdir", SetLastError = true)]
    private static extern int NativeMakeDirectory([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int NativeRename(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string from,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    // open(2) is variadic; declaring only the two fixed arguments is safe on every ABI because no mode is passed.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int NativeFsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int NativeClose(int fd);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int NativeStatx(
        int directoryFd,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        int flags,
        uint mask,
        [In, Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
    private static extern int NativeMacLstat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [In, Out] byte[] buffer);

    [DllImport("libc", EntryPoint = "lstat$INODE64", SetLastError = true)]
    private static extern int NativeMacLstatInode64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [In, Out] byte[] buffer);
}
