namespace ModelRelease.Internal;

/// <summary>What a path is, without following a symlink at the end of it.</summary>
internal enum FileKind
{
    /// <summary>Nothing is there (or a parent component is not a directory).</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (on Windows, any reparse point).</summary>
    Symlink,

    /// <summary>A named pipe; opening one for reading blocks until a writer appears.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/null</c>.</summary>
    CharacterDevice,

    /// <summary>A block device such as a disk.</summary>
    BlockDevice,

    /// <summary>A Unix domain socket.</summary>
    Socket,

    /// <summary>Anything else the platform reports.</summary>
    Other,
}
