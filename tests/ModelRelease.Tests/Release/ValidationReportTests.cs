using System.Text.Json;
using static ModelRelease.Tests.Release.Candidates;

namespace ModelRelease.Tests.Release;

public sealed class ValidationReportTests : IDisposable
{
    private static readonly ReleasePolicy Policy = ReleasePolicy.For("sentiment")
        .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)
        .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.85).MayDropBy(0.01))
        .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(120));

    private readonly Candidates _candidates = new();

    public void Dispose() => _candidates.Dispose();

    [Fact]
    public void Should_Name_Every_Failed_Check_In_One_Sentence()
    {
        // Given: below the bound and 0.06 under stable v2, with latency fine
        var report = CandidateValidator.Validate(
            Policy, _candidates.SavedModel(), Metrics(("accuracy", 0.78), ("latency_p99_ms", 90)), Stable("v2", ("accuracy", 0.84)));

        // When
        var summary = report.Summary();

        // Then
        Assert.Equal("rejected: accuracy 0.78 < 0.85 (at least); accuracy dropped 0.06 vs stable v2 (max 0.01)", summary);
        Assert.Equal(["accuracy ≥ 0.85", "accuracy vs stable v2"], report.Failures.Select(f => f.Name));
    }

    [Fact]
    public void Should_Say_How_Many_Checks_Passed_And_Against_What_When_Blessed()
    {
        var metrics = Metrics(("accuracy", 0.9), ("latency_p99_ms", 90));

        var first = CandidateValidator.Validate(Policy, _candidates.SavedModel(), metrics, stable: null);
        var later = CandidateValidator.Validate(Policy, _candidates.SavedModel(), metrics, Stable("v2", ("accuracy", 0.9)));

        Assert.Equal("blessed: all 5 checks passed (no stable version to compare with)", first.Summary());
        Assert.Equal("blessed: all 6 checks passed (compared with stable v2)", later.Summary());
    }

    [Fact]
    public void Should_Fall_Back_To_The_Row_When_A_Failed_Check_Has_No_Note()
    {
        var report = new ValidationReport("m", [new ValidationCheck("custom", "3", "at most 2", false)], null);

        Assert.Equal("rejected: custom is 3, expected at most 2", report.Summary());
    }

    [Fact]
    public void Should_Record_Every_Check_And_The_Baseline_As_Compact_Json_Evidence()
    {
        // Given
        var report = CandidateValidator.Validate(
            Policy, _candidates.SavedModel(), Metrics(("accuracy", 0.78), ("latency_p99_ms", 90)), Stable("v2", ("accuracy", 0.84)));

        // When
        var evidence = report.Evidence();

        // Then
        Assert.DoesNotContain('\n', evidence);
        Assert.Contains("\"name\":\"accuracy ≥ 0.85\"", evidence);
        using var json = JsonDocument.Parse(evidence);
        var root = json.RootElement;
        Assert.Equal("sentiment", root.GetProperty("model").GetString());
        Assert.Equal("rejected", root.GetProperty("verdict").GetString());
        Assert.Equal("v2", root.GetProperty("baseline").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(report.Checks.Count, checks.Count);
        var drop = checks.Single(c => c.GetProperty("name").GetString() == "accuracy vs stable v2");
        Assert.Equal("0.78 (-0.06)", drop.GetProperty("actual").GetString());
        Assert.Equal("drop ≤ 0.01", drop.GetProperty("expected").GetString());
        Assert.False(drop.GetProperty("passed").GetBoolean());
        Assert.Equal("accuracy dropped 0.06 vs stable v2 (max 0.01)", drop.GetProperty("note").GetString());
        Assert.False(checks[1].TryGetProperty("note", out _));
    }

    [Fact]
    public void Should_Record_A_Null_Baseline_For_A_First_Release()
    {
        var report = CandidateValidator.Validate(Policy, _candidates.SavedModel(), Metrics(("accuracy", 0.9), ("latency_p99_ms", 1)), null);

        using var json = JsonDocument.Parse(report.Evidence());

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("baseline").ValueKind);
        Assert.Equal("blessed", json.RootElement.GetProperty("verdict").GetString());
    }
}
