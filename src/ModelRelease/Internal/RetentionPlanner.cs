using System.Globalization;

namespace ModelRelease.Internal;

/// <summary>
/// Decides what a prune keeps, from the store's state alone (no disk), so the rules can be tested on their own: the
/// newest <c>keep</c> unpruned versions by serving number, every version a label points at, and the previous stable,
/// which is a rollback's default target and so must still have its files.
/// </summary>
internal static class RetentionPlanner
{
    public const string PreviousStableReason = "previous stable";

    /// <summary>The well-known labels lead, in the order a reader thinks of them; custom labels follow by name.</summary>
    private static readonly string[] WellKnownLabels = [LabelNames.Stable, LabelNames.Canary, LabelNames.Golden];

    /// <param name="model">The model planned.</param>
    /// <param name="keep">How many of the newest unpruned versions to keep besides protected ones; 0 or more.</param>
    /// <param name="versions">The model's versions, pruned ones included, in any order.</param>
    /// <param name="labels">The model's labels.</param>
    /// <param name="previousStable">The name of the version stable pointed to before its last move, if any.</param>
    public static PrunePlan Plan(string model, int keep, IReadOnlyList<ModelVersion> versions, IReadOnlyList<LabelAssignment> labels, string? previousStable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var newestFirst = versions.Where(v => !v.IsPruned).OrderByDescending(v => v.Number).ToList();
        var newestReason = string.Create(CultureInfo.InvariantCulture, $"newest {keep}");
        var kept = new List<RetainedVersion>();
        var removed = new List<ModelVersion>();
        for (var i = 0; i < newestFirst.Count; i++)
        {
            var version = newestFirst[i];
            var reasons = labels
                .Where(l => l.Version == version.Name)
                .Select(l => l.Label)
                .OrderBy(Rank)
                .ThenBy(l => l, StringComparer.Ordinal)
                .ToList();
            if (previousStable == version.Name)
            {
                reasons.Add(PreviousStableReason);
            }

            if (i < keep)
            {
                reasons.Add(newestReason);
            }

            if (reasons.Count > 0)
            {
                kept.Add(new RetainedVersion(version, reasons));
            }
            else
            {
                removed.Add(version);
            }
        }

        removed.Reverse();
        return new PrunePlan(model, keep, kept, removed);
    }

    private static int Rank(string label)
    {
        var index = Array.IndexOf(WellKnownLabels, label);
        return index < 0 ? WellKnownLabels.Length : index;
    }
}
