using static ModelRelease.Tests.Release.Candidates;

namespace ModelRelease.Tests.Release;

public sealed class MetricValidationTests : IDisposable
{
    private readonly Candidates _candidates = new();
    private readonly string _artifact;

    public MetricValidationTests() => _artifact = _candidates.SavedModel();

    public void Dispose() => _candidates.Dispose();

    [Fact]
    public void Should_Run_The_Checks_In_Order_Artifact_First_Then_Each_Rule()
    {
        // Given
        var policy = ReleasePolicy.For("sentiment")
            .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)
            .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.85).AtMostValue(0.999).MayDropBy(0.01))
            .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(120).MayGrowByPercent(10));

        // When
        var report = CandidateValidator.Validate(
            policy, _artifact, Metrics(("accuracy", 0.91), ("latency_p99_ms", 100)), Stable("v2", ("accuracy", 0.9), ("latency_p99_ms", 95)));

        // Then
        Assert.Equal(
            [
                "artifact (TensorFlow SavedModel)",
                "accuracy present", "accuracy ≥ 0.85", "accuracy ≤ 0.999", "accuracy vs stable v2",
                "latency_p99_ms present", "latency_p99_ms ≤ 120", "latency_p99_ms vs stable v2",
            ],
            report.Checks.Select(c => c.Name));
        Assert.True(report.Passed);
        Assert.Equal(Blessing.Blessed, report.Verdict);
        Assert.Equal("v2", report.Baseline);
        Assert.Equal("sentiment", report.Model);
    }

    [Fact]
    public void Should_Fail_A_Missing_Required_Metric_And_Skip_Its_Other_Checks()
    {
        var report = Validate(MetricRule.Higher("accuracy").AtLeastValue(0.8).MayDropBy(0.01), Metrics(("auc", 0.9)), Stable("v2", ("accuracy", 0.9)));

        var check = Assert.Single(report.Checks.Skip(1));
        Assert.Equal(new ValidationCheck("accuracy present", "missing", "a finite number", false), check with { Note = null });
        Assert.Contains("add it to --metrics, e.g. {\"accuracy\": 0.8}", check.Note);
        Assert.Equal(Blessing.Rejected, report.Verdict);
    }

    [Fact]
    public void Should_Point_Out_A_Metric_That_Differs_Only_In_Case()
    {
        var report = Validate(MetricRule.Higher("accuracy"), Metrics(("Accuracy", 0.9)));

        Assert.Contains("there is 'Accuracy'; names are case-sensitive", report.Checks[1].Note);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Should_Pass_A_Missing_Optional_Metric_And_Skip_Its_Other_Checks()
    {
        var report = Validate(MetricRule.Higher("f1").AtLeastValue(0.5).MayDropBy(0.01).Optional(), Metrics(), Stable("v2", ("f1", 0.7)));

        var check = Assert.Single(report.Checks.Skip(1));
        Assert.True(check.Passed);
        Assert.Equal("missing (optional)", check.Actual);
        Assert.True(report.Passed);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Should_Reject_A_Non_Finite_Metric_Even_When_It_Is_Optional(double value, string shown)
    {
        var report = Validate(MetricRule.Lower("loss").AtMostValue(1).Optional(), Metrics(("loss", value)));

        var check = Assert.Single(report.Checks.Skip(1));
        Assert.False(check.Passed);
        Assert.Equal(shown, check.Actual);
        Assert.Contains("the evaluation produced no usable value", check.Note);
        Assert.Equal(Blessing.Rejected, report.Verdict);
    }

    [Fact]
    public void Should_Reject_NaN_Read_From_The_Metrics_Argument_As_A_Gate_Failure()
    {
        // Given: the argument parses, because NaN is the model's failure, not the command line's
        var metrics = MetricsInput.Parse("""{"accuracy": "NaN"}""", _candidates.Temp.Path);

        // When
        var report = Validate(MetricRule.Higher("accuracy").AtLeastValue(0.8), metrics);

        // Then
        Assert.Equal(Blessing.Rejected, report.Verdict);
        Assert.Equal("rejected: accuracy is NaN: the evaluation produced no usable value; fix it and evaluate again", report.Summary());
    }

    [Theory]
    [InlineData(0.84, false)]
    [InlineData(0.85, true)]
    [InlineData(0.86, true)]
    public void Should_Check_An_At_Least_Bound_Inclusively(double accuracy, bool passes)
    {
        var report = Validate(MetricRule.Higher("accuracy").AtLeastValue(0.85), Metrics(("accuracy", accuracy)));

        var bound = report.Checks.Single(c => c.Name == "accuracy ≥ 0.85");
        Assert.Equal(passes, bound.Passed);
        Assert.Equal("at least 0.85", bound.Expected);
        Assert.Equal(passes, report.Passed);
    }

    [Theory]
    [InlineData(121, false)]
    [InlineData(120, true)]
    [InlineData(80.5, true)]
    public void Should_Check_An_At_Most_Bound_Inclusively(double latency, bool passes)
    {
        var report = Validate(MetricRule.Lower("latency_p99_ms").AtMostValue(120), Metrics(("latency_p99_ms", latency)));

        var bound = report.Checks.Single(c => c.Name == "latency_p99_ms ≤ 120");
        Assert.Equal(passes, bound.Passed);
        Assert.Equal(passes ? null : "latency_p99_ms 121 > 120 (at most)", bound.Note);
    }

    [Fact]
    public void Should_Show_Enough_Digits_That_A_Near_Miss_Does_Not_Read_As_Equal()
    {
        var report = Validate(MetricRule.Higher("accuracy").AtLeastValue(0.85), Metrics(("accuracy", 0.8499999999)));

        var bound = report.Checks.Single(c => c.Name == "accuracy ≥ 0.85");
        Assert.False(bound.Passed);
        Assert.Equal("accuracy 0.8499999999 < 0.85 (at least)", bound.Note);
    }

    [Theory]
    [InlineData(0.90, true, "0.9 (-0.01)")]
    [InlineData(0.8999, false, "0.8999 (-0.0101)")]
    [InlineData(0.93, true, "0.93 (+0.02)")]
    public void Should_Allow_An_Absolute_Drop_Up_To_And_Including_The_Tolerance(double accuracy, bool passes, string actual)
    {
        // Given: stable has 0.91; 0.91 - 0.90 is 0.010000000000000009 in floating point
        var stable = Stable("v2", ("accuracy", 0.91));

        // When
        var report = Validate(MetricRule.Higher("accuracy").MayDropBy(0.01), Metrics(("accuracy", accuracy)), stable);

        // Then
        var regression = report.Checks.Single(c => c.Name == "accuracy vs stable v2");
        Assert.Equal(passes, regression.Passed);
        Assert.Equal(actual, regression.Actual);
        Assert.Equal("drop ≤ 0.01", regression.Expected);
        Assert.Equal(passes ? null : "accuracy dropped 0.0101 vs stable v2 (max 0.01)", regression.Note);
    }

    [Theory]
    [InlineData(0.882, true)]
    [InlineData(0.8819, false)]
    public void Should_Allow_A_Percent_Drop_Of_The_Stable_Value(double accuracy, bool passes)
    {
        // Given: 2% of 0.9 is 0.018, so 0.882 is exactly at the limit
        var stable = Stable("v2", ("accuracy", 0.9));

        // When
        var report = Validate(MetricRule.Higher("accuracy").MayDropByPercent(2), Metrics(("accuracy", accuracy)), stable);

        // Then
        var regression = report.Checks.Single(c => c.Name == "accuracy vs stable v2");
        Assert.Equal(passes, regression.Passed);
        Assert.Equal("drop ≤ 2% (≤ 0.018)", regression.Expected);
    }

    [Theory]
    [InlineData(105, true)]
    [InlineData(105.01, false)]
    [InlineData(90, true)]
    public void Should_Allow_A_Lower_Is_Better_Metric_To_Grow_Up_To_The_Tolerance(double latency, bool passes)
    {
        var report = Validate(MetricRule.Lower("latency_p99_ms").MayGrowBy(5), Metrics(("latency_p99_ms", latency)), Stable("v2", ("latency_p99_ms", 100)));

        var regression = report.Checks.Single(c => c.Name == "latency_p99_ms vs stable v2");
        Assert.Equal(passes, regression.Passed);
        Assert.Equal("growth ≤ 5", regression.Expected);
    }

    [Theory]
    [InlineData(132, true, null)]
    [InlineData(132.5, false, "latency_p99_ms grew 12.5 vs stable v3 (max 10% = 12)")]
    public void Should_Allow_A_Lower_Is_Better_Metric_To_Grow_By_A_Percent_Of_Stable(double latency, bool passes, string? note)
    {
        var report = Validate(MetricRule.Lower("latency_p99_ms").MayGrowByPercent(10), Metrics(("latency_p99_ms", latency)), Stable("v3", ("latency_p99_ms", 120)));

        var regression = report.Checks.Single(c => c.Name == "latency_p99_ms vs stable v3");
        Assert.Equal(passes, regression.Passed);
        Assert.Equal("growth ≤ 10% (≤ 12)", regression.Expected);
        Assert.Equal(note, regression.Note);
    }

    [Fact]
    public void Should_Add_No_Regression_Rows_For_A_First_Release()
    {
        var report = Validate(MetricRule.Higher("accuracy").AtLeastValue(0.8).MayDropBy(0.01), Metrics(("accuracy", 0.5)), stable: null);

        Assert.DoesNotContain(report.Checks, c => c.Name.Contains("vs stable", StringComparison.Ordinal));
        Assert.Null(report.Baseline);
        Assert.False(report.Passed);
    }

    [Fact]
    public void Should_Add_No_Regression_Row_For_A_Rule_Without_A_Tolerance()
    {
        var report = Validate(MetricRule.Higher("accuracy").AtLeastValue(0.5), Metrics(("accuracy", 0.6)), Stable("v2", ("accuracy", 0.99)));

        Assert.DoesNotContain(report.Checks, c => c.Name.Contains("vs stable", StringComparison.Ordinal));
        Assert.True(report.Passed);
    }

    [Fact]
    public void Should_Pass_With_No_Baseline_When_Stable_Lacks_The_Metric()
    {
        var report = Validate(MetricRule.Higher("f1").MayDropBy(0.01), Metrics(("f1", 0.4)), Stable("v2", ("accuracy", 0.9)));

        var regression = report.Checks.Single(c => c.Name == "f1 vs stable v2");
        Assert.True(regression.Passed);
        Assert.Equal("0.4 (no baseline)", regression.Actual);
        Assert.Equal("stable v2 has no f1 to compare with, so there is no baseline", regression.Note);
    }

    [Fact]
    public void Should_Ignore_Metrics_The_Policy_Does_Not_Name()
    {
        var report = Validate(MetricRule.Higher("accuracy"), Metrics(("accuracy", 0.9), ("loss", double.NaN), ("auc", 0.1)));

        Assert.Equal(["artifact (TensorFlow SavedModel)", "accuracy present"], report.Checks.Select(c => c.Name));
        Assert.True(report.Passed);
    }

    [Fact]
    public void Should_Refuse_An_Invalid_Policy_Before_Checking_Anything()
    {
        var policy = new ReleasePolicy("sentiment") { CanarySteps = [60, 20] };

        Assert.Throws<RegistryException>(() => CandidateValidator.Validate(policy, _artifact, Metrics(), null));
    }

    [Fact]
    public void Should_Refuse_A_Stable_Version_Of_Another_Model()
    {
        var other = Stable("v2") with { Model = "fraud" };

        var error = Assert.Throws<ArgumentException>(() => Validate(MetricRule.Higher("accuracy"), Metrics(("accuracy", 0.9)), other));

        Assert.Contains("belongs to model 'fraud'", error.Message);
    }

    private ValidationReport Validate(MetricRule rule, IReadOnlyDictionary<string, double> metrics, ModelVersion? stable = null) =>
        CandidateValidator.Validate(
            ReleasePolicy.For("sentiment").RequireArtifact(ArtifactFormat.TensorFlowSavedModel).Metric(rule), _artifact, metrics, stable);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Should_Pass_With_No_Baseline_When_Stables_Value_Is_Not_Finite(double baseline)
    {
        var report = Validate(MetricRule.Higher("accuracy").MayDropBy(0.01), Metrics(("accuracy", 0.5)), Stable("v2", ("accuracy", baseline)));

        var regression = report.Checks.Single(c => c.Name == "accuracy vs stable v2");
        Assert.True(regression.Passed);
        Assert.Equal("0.5 (no baseline)", regression.Actual);
        Assert.True(report.Passed);
    }

    [Fact]
    public void Should_Allow_No_Regression_At_All_With_A_Zero_Tolerance()
    {
        var absolute = MetricRule.Higher("accuracy").MayDropBy(0);
        var percent = MetricRule.Lower("latency_p99_ms").MayGrowByPercent(0);
        var stable = Stable("v2", ("accuracy", 0.9), ("latency_p99_ms", 100));

        Assert.True(Validate(absolute, Metrics(("accuracy", 0.9)), stable).Passed);
        Assert.False(Validate(absolute, Metrics(("accuracy", 0.8999)), stable).Passed);
        Assert.True(Validate(percent, Metrics(("latency_p99_ms", 100)), stable).Passed);
        Assert.False(Validate(percent, Metrics(("latency_p99_ms", 100.001)), stable).Passed);
    }
}
