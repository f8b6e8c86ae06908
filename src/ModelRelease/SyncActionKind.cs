namespace ModelRelease;

/// <summary>What one repair of the serving directory does.</summary>
public enum SyncActionKind
{
    /// <summary>Deletes what an interrupted step of a process that is gone left behind, as its journal entry names it.</summary>
    DeleteLeftover,

    /// <summary>Moves a directory the store does not know into the root's quarantine.</summary>
    Quarantine,

    /// <summary>Creates or repoints a label or numeric link.</summary>
    PointLink,

    /// <summary>Removes a link the store does not know.</summary>
    RemoveLink,

    /// <summary>Removes a temporary link or file a dead process left before its rename.</summary>
    RemoveTemporary,

    /// <summary>Writes models.config or routing.json as the store says.</summary>
    WriteConfig,

    /// <summary>Deletes models.config or routing.json of a registry that holds no version.</summary>
    DeleteConfig,

    /// <summary>Removes the journal entry of a step whose leftovers are settled.</summary>
    FinishJournal,
}
