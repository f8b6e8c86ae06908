namespace ModelRelease;

/// <summary>What an audit event records.</summary>
public enum EventKind
{
    /// <summary>A new version was pushed.</summary>
    Push,

    /// <summary>An artifact identical to an existing version was pushed again; no version was added.</summary>
    PushRepeated,

    /// <summary>A label was set or moved.</summary>
    LabelMove,

    /// <summary>Stable moved to the canary (or a named) version.</summary>
    Promote,

    /// <summary>A label moved back: a canary aborted or stable returned to an earlier version.</summary>
    Rollback,

    /// <summary>A label was removed.</summary>
    LabelClear,

    /// <summary>A candidate was validated; the evidence holds the checks.</summary>
    Validation,

    /// <summary>A version's files were deleted.</summary>
    Prune,

    /// <summary>Adopt registered a version or a label found in the serving root into a new store.</summary>
    Adopt,

    /// <summary>A canary analysis run reached its verdict; the evidence holds its measurements.</summary>
    Analysis,

    /// <summary>A serving image of a version was pushed; the evidence holds its repository, tags and digest.</summary>
    Image,
}
