namespace ModelRelease.Internal;

/// <summary>How a <see cref="FileKind"/> is named in a message, so every refusal calls a FIFO the same thing.</summary>
internal static class FileKindNames
{
    /// <summary>The kind in words, without an article: "named pipe (FIFO)", "socket", …</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "regular file",
        FileKind.Directory => "directory",
        FileKind.Fifo => "named pipe (FIFO)",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Socket => "socket",
        FileKind.Symlink => "symlink",
        _ => "special file",
    };
}
