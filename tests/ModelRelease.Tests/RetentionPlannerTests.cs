using ModelRelease.Internal;

namespace ModelRelease.Tests;

/// <summary>The retention rules on their own, from versions and labels in memory: no disk, no store.</summary>
public sealed class RetentionPlannerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Should_Keep_The_Newest_N_By_Number_And_Remove_The_Rest_Oldest_First()
    {
        // Given five versions listed out of order
        var versions = new[] { Version(3), Version(1), Version(5), Version(2), Version(4) };

        // When two are kept with nothing protected
        var plan = RetentionPlanner.Plan("mnist", 2, versions, [], previousStable: null);

        // Then the two highest numbers stay, newest first, and the rest go oldest first
        Assert.Equal([("v5", new[] { "newest 2" }), ("v4", ["newest 2"])], plan.Kept.Select(k => (k.Version.Name, k.Reasons.ToArray())));
        Assert.Equal(["v1", "v2", "v3"], plan.Removed.Select(v => v.Name));
        Assert.Equal(("mnist", 2), (plan.Model, plan.Keep));
    }

    [Fact]
    public void Should_Keep_Every_Labelled_Version_And_The_Previous_Stable_Whatever_Their_Age()
    {
        var versions = Enumerable.Range(1, 7).Select(n => Version(n)).ToList();
        var labels = new[] { Label(LabelNames.Stable, "v1"), Label(LabelNames.Canary, "v2"), Label(LabelNames.Golden, "v3"), Label("shadow-eu", "v4") };

        var plan = RetentionPlanner.Plan("mnist", 1, versions, labels, previousStable: "v5");

        Assert.Equal(
            [("v7", "newest 1"), ("v5", "previous stable"), ("v4", "shadow-eu"), ("v3", "golden"), ("v2", "canary"), ("v1", "stable")],
            plan.Kept.Select(k => (k.Version.Name, string.Join(", ", k.Reasons))));
        Assert.Equal(["v6"], plan.Removed.Select(v => v.Name));
    }

    [Fact]
    public void Should_List_Every_Reason_Labels_First_In_A_Stable_Order()
    {
        // Given one version protected in every way at once, its labels listed in no particular order
        var labels = new[] { Label("zeta", "v2"), Label(LabelNames.Golden, "v2"), Label("alpha", "v2"), Label(LabelNames.Canary, "v2"), Label(LabelNames.Stable, "v2") };

        var plan = RetentionPlanner.Plan("mnist", 3, [Version(1), Version(2)], labels, previousStable: "v2");

        Assert.Equal(["stable", "canary", "golden", "alpha", "zeta", "previous stable", "newest 3"], plan.Kept.Single(k => k.Version.Name == "v2").Reasons);
        Assert.Equal(["newest 3"], plan.Kept.Single(k => k.Version.Name == "v1").Reasons);
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void Should_Remove_Every_Unprotected_Version_When_Keep_Is_Zero()
    {
        var versions = Enumerable.Range(1, 4).Select(n => Version(n)).ToList();

        var plan = RetentionPlanner.Plan("mnist", 0, versions, [Label(LabelNames.Stable, "v2")], previousStable: null);

        Assert.Equal([("v2", "stable")], plan.Kept.Select(k => (k.Version.Name, string.Join(", ", k.Reasons))));
        Assert.Equal(["v1", "v3", "v4"], plan.Removed.Select(v => v.Name));
    }

    [Fact]
    public void Should_Leave_Already_Pruned_Versions_Out_Of_Both_Lists_And_Out_Of_The_Newest_Count()
    {
        // Given the newest version already pruned (its files are gone, so it cannot count as one of the kept)
        var versions = new[] { Version(1), Version(2), Version(3), Version(4, pruned: true) };

        var plan = RetentionPlanner.Plan("mnist", 1, versions, [], previousStable: "v4");

        Assert.Equal(["v3"], plan.Kept.Select(k => k.Version.Name));
        Assert.Equal(["v1", "v2"], plan.Removed.Select(v => v.Name));
    }

    [Fact]
    public void Should_Sum_The_Removed_Bytes()
    {
        var plan = RetentionPlanner.Plan("mnist", 1, [Version(1, bytes: 1000), Version(2, bytes: 234), Version(3, bytes: 99999)], [], previousStable: null);

        Assert.Equal(1234, plan.BytesReclaimed);
    }

    [Fact]
    public void Should_Refuse_A_Negative_Keep()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionPlanner.Plan("mnist", -1, [Version(1)], [], previousStable: null));
    }

    private static LabelAssignment Label(string label, string version) =>
        new("mnist", label, version, long.Parse(version[1..], System.Globalization.CultureInfo.InvariantCulture), label == LabelNames.Canary ? 10 : null, At);

    private static ModelVersion Version(int number, bool pruned = false, long bytes = 100) =>
        new(number, "mnist", $"v{number}", number, $"sha256:{number:D64}", bytes, 3,
            new GitProvenance("0123456789abcdef0123456789abcdef01234567", "main", false, false, null, null, GitProvenanceSource.Repository),
            new DatasetVersion("ds-1", DatasetVersionSource.Given),
            new Dictionary<string, string>(), new Dictionary<string, double>(), At, "tester", "build-box", null, Blessing.Unvalidated, null,
            pruned ? At : null);
}
