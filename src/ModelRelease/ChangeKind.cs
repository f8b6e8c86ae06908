namespace ModelRelease;

/// <summary>What sort of effect a planned change has, so a dry run can group and colour them.</summary>
public enum ChangeKind
{
    /// <summary>Files are copied into place.</summary>
    Copy,

    /// <summary>A label or pointer moves from one target to another.</summary>
    Move,

    /// <summary>Files or records are removed.</summary>
    Delete,

    /// <summary>A file is written or replaced.</summary>
    Write,

    /// <summary>A row is added or changed in the metadata store.</summary>
    Record,

    /// <summary>An external process is started.</summary>
    Run,
}
