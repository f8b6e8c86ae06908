namespace ModelRelease.Cake.Internal;

/// <summary>
/// Who owns standard output in this run. A task printing machine-readable data (JSON for <c>jq</c>) claims it;
/// the host then writes its step headings to standard error and leaves out its closing table.
/// </summary>
internal sealed class StandardOutput
{
    public bool IsClaimedForData { get; private set; }

    public void ClaimForData() => IsClaimedForData = true;
}
