namespace ModelRelease.Pipelines.Output;

/// <summary>How output spells a version's blessing.</summary>
public static class Blessings
{
    /// <summary>"blessed", "rejected (reason)", "skipped validation (reason)" or "unvalidated"; the reason shown with <see cref="DisplayText.Escape(string?)"/>.</summary>
    public static string Describe(ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.Blessing switch
        {
            Blessing.Blessed => "blessed",
            Blessing.Skipped => $"skipped validation ({DisplayText.Escape(version.BlessingReason ?? "no reason")})",
            Blessing.Rejected => version.BlessingReason is null ? "rejected" : $"rejected ({DisplayText.Escape(version.BlessingReason)})",
            _ => "unvalidated",
        };
    }
}
