namespace ModelRelease;

/// <summary>What Verify checked and found.</summary>
/// <param name="VersionsChecked">Live versions whose files were hashed against their manifests.</param>
/// <param name="Findings">The inconsistencies found; empty when the root and the store agree.</param>
public sealed record VerifyReport(int VersionsChecked, IReadOnlyList<VerifyFinding> Findings)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool IsClean => Findings.Count == 0;
}
