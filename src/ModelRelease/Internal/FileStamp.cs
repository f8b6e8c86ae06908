namespace ModelRelease.Internal;

/// <summary>
/// What a stat says about a file, as git's index keeps it: enough to notice that a file changed without reading it
/// again. Two stamps of an untouched file are equal; a write moves the modification (and change) time, a replacement
/// changes the inode, and growing or truncating changes the size.
/// </summary>
/// <param name="Size">Size in bytes.</param>
/// <param name="ModifiedNanoseconds">Last modification time, nanoseconds since the epoch (ticks precision off Linux).</param>
/// <param name="ChangedNanoseconds">Last status change time (ctime) on Linux, where a rename over the file or a mode change moves it; 0 elsewhere.</param>
/// <param name="Inode">Inode number on Linux; 0 elsewhere.</param>
/// <param name="Device">Device (major, minor) on Linux; 0 elsewhere.</param>
internal sealed record FileStamp(long Size, long ModifiedNanoseconds, long ChangedNanoseconds, ulong Inode, ulong Device);
