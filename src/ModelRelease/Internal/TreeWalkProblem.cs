namespace ModelRelease.Internal;

/// <summary>Why a <see cref="TreeWalker"/> walk stopped; the caller words it for its own user.</summary>
internal enum TreeWalkProblem
{
    /// <summary>A name holds a tab, newline or other control character, which a manifest line cannot hold.</summary>
    ControlCharacter,

    /// <summary>A symlink leads to something that does not exist.</summary>
    DanglingLink,

    /// <summary>A symlink never resolves: following it takes more than <see cref="RealPaths.MaxSymlinksPerLookup"/> links.</summary>
    LinkLoop,

    /// <summary>A symlink resolves outside the root, and the rules keep links inside.</summary>
    LinkLeavesRoot,

    /// <summary>A directory (reached through a link) is one of the directories being walked, so the walk would never end.</summary>
    LoopsBack,

    /// <summary>A FIFO, device, socket or other special file, directly or through a link; never opened.</summary>
    NotPlain,

    /// <summary>An entry was listed and then was gone: something is writing the tree while it is walked.</summary>
    Vanished,

    /// <summary>A directory could not be listed (permission denied, an I/O error).</summary>
    Unlistable,
}
