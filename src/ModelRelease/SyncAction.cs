namespace ModelRelease;

/// <summary>One change that would bring the serving directory in line with the store.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Path">The absolute path it acts on.</param>
/// <param name="Why">Why, for the dry run, Verify and the warning a real run prints.</param>
/// <param name="Content">The link target (relative) or the config text, for <see cref="SyncActionKind.PointLink"/> and <see cref="SyncActionKind.WriteConfig"/>.</param>
public sealed record SyncAction(SyncActionKind Kind, string Path, string Why, string? Content = null)
{
    /// <summary>The action as a sentence after "would ", e.g. "quarantine /srv/m/versions/x (…)".</summary>
    public string Describe() => Kind switch
    {
        SyncActionKind.DeleteLeftover => $"delete {Path} ({Why})",
        SyncActionKind.Quarantine => $"move {Path} to the quarantine ({Why})",
        SyncActionKind.PointLink => $"link {Path} to {Content} ({Why})",
        SyncActionKind.RemoveLink => $"remove the link {Path} ({Why})",
        SyncActionKind.RemoveTemporary => $"remove the temporary {Path} ({Why})",
        SyncActionKind.WriteConfig => $"write {Path} ({Why})",
        SyncActionKind.DeleteConfig => $"delete {Path} ({Why})",
        SyncActionKind.FinishJournal => $"remove the journal entry {Path} ({Why})",
        _ => $"{Kind} {Path} ({Why})",
    };

    /// <summary>The kind of change a dry run files it under.</summary>
    public ChangeKind ChangeKind => Kind switch
    {
        SyncActionKind.DeleteLeftover or SyncActionKind.RemoveLink or SyncActionKind.RemoveTemporary or SyncActionKind.DeleteConfig or SyncActionKind.FinishJournal => ChangeKind.Delete,
        SyncActionKind.WriteConfig => ChangeKind.Write,
        _ => ChangeKind.Move,
    };
}
