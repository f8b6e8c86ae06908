using System.Runtime.InteropServices;

namespace ModelRelease.Benchmarks;

/// <summary>
/// rename(2) and a directory fsync for the bare symlink-swap baseline. File.Move(overwrite: true) cannot be used:
/// on .NET 10 it throws FileNotFoundException when the symlink being moved points at a directory.
/// Linux x64/arm64 only, like the baseline itself.
/// </summary>
internal static class Libc
{
    private const int ORdOnlyDirectoryCloexec = 0x10000 | 0x80000;

    public static void Rename(string from, string to)
    {
        if (NativeRename(from, to) != 0)
        {
            throw new IOException($"rename '{from}' -> '{to}' failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    public static void FsyncDirectory(string path)
    {
        var flags = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? 0x4000 | 0x80000 : ORdOnlyDirectoryCloexec;
        var fd = NativeOpen(path, flags);
        if (fd < 0)
        {
            throw new IOException($"open '{path}' failed: {Marshal.GetLastPInvokeErrorMessage()}");
        }

        try
        {
            if (NativeFsync(fd) != 0)
            {
                throw new IOException($"fsync '{path}' failed: {Marshal.GetLastPInvokeErrorMessage()}");
            }
        }
        finally
        {
            _ = NativeClose(fd);
        }
    }

    [DllImport("libc", EntryPoint = "rename", SetLastError = true)]
    private static extern int NativeRename([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int NativeOpen([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int NativeFsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int NativeClose(int fd);
}
