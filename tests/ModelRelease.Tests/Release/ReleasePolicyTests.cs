namespace ModelRelease.Tests.Release;

public sealed class ReleasePolicyTests
{
    [Fact]
    public void Should_Build_A_Policy_Fluently_With_Every_Setting()
    {
        // Given / When
        var policy = ReleasePolicy.For("sentiment")
            .RequireArtifact(ArtifactFormat.TensorFlowSavedModel)
            .Metric(MetricRule.Higher("accuracy").AtLeastValue(0.85).MayDropBy(0.01))
            .Metric(MetricRule.Lower("latency_p99_ms").AtMostValue(120).MayGrowByPercent(10))
            .Metric(MetricRule.Higher("f1").MayDropByPercent(2).Optional())
            .WithCanarySteps(10, 50)
            .Keeping(3);

        // Then
        Assert.Equal("sentiment", policy.Model);
        Assert.Equal(ArtifactFormat.TensorFlowSavedModel, policy.Artifact);
        Assert.Equal(["accuracy", "latency_p99_ms", "f1"], policy.Metrics.Select(m => m.Name));
        var accuracy = policy.Metrics[0];
        Assert.Equal(MetricGoal.HigherIsBetter, accuracy.Goal);
        Assert.Equal(0.85, accuracy.AtLeast);
        Assert.Null(accuracy.AtMost);
        Assert.Equal(RegressionTolerance.Absolute(0.01), accuracy.Tolerance);
        Assert.True(accuracy.Required);
        var latency = policy.Metrics[1];
        Assert.Equal(MetricGoal.LowerIsBetter, latency.Goal);
        Assert.Equal(120, latency.AtMost);
        Assert.True(latency.Tolerance!.IsRelative);
        Assert.False(policy.Metrics[2].Required);
        Assert.Equal([10, 50], policy.CanarySteps);
        Assert.Equal(3, policy.Keep);
        policy.Validate();
    }

    [Fact]
    public void Should_Default_To_Any_Artifact_One_Ten_Percent_Step_And_Keep_Five()
    {
        var policy = ReleasePolicy.For("mnist");

        Assert.Equal(ArtifactFormat.Any, policy.Artifact);
        Assert.Empty(policy.Metrics);
        Assert.Equal([10], policy.CanarySteps);
        Assert.Equal(5, policy.Keep);
    }

    [Fact]
    public void Should_Leave_The_Original_Unchanged_When_A_Builder_Returns_A_Copy()
    {
        // Given
        var original = ReleasePolicy.For("mnist");

        // When
        var changed = original.Metric(MetricRule.Higher("accuracy")).WithCanarySteps(5, 25).Keeping(1);

        // Then
        Assert.Empty(original.Metrics);
        Assert.Equal([10], original.CanarySteps);
        Assert.Equal(5, original.Keep);
        Assert.Single(changed.Metrics);
    }

    [Fact]
    public void Should_Not_Let_The_Callers_Array_Change_The_Canary_Steps_Afterwards()
    {
        int[] steps = [10, 50];
        var policy = ReleasePolicy.For("mnist").WithCanarySteps(steps);

        steps[1] = 5;

        Assert.Equal([10, 50], policy.CanarySteps);
    }

    [Fact]
    public void Should_Compare_Policies_By_Value_Including_The_Lists()
    {
        ReleasePolicy Build() => ReleasePolicy.For("mnist").Metric(MetricRule.Higher("accuracy").MayDropBy(0.01)).WithCanarySteps(10, 50);

        Assert.Equal(Build(), Build());
        Assert.Equal(Build().GetHashCode(), Build().GetHashCode());
        Assert.NotEqual(Build(), Build().WithCanarySteps(10, 60));
        Assert.NotEqual(Build(), Build().Metric(MetricRule.Lower("loss")));
        Assert.Contains("CanarySteps = [10, 50]", Build().ToString());
    }

    [Fact]
    public void Should_Refuse_A_Second_Rule_For_The_Same_Metric()
    {
        var policy = ReleasePolicy.For("mnist").Metric(MetricRule.Higher("accuracy").AtLeastValue(0.8));

        var error = Assert.Throws<RegistryException>(() => policy.Metric(MetricRule.Higher("accuracy").MayDropBy(0.01)));

        Assert.Contains("'accuracy' has two rules", error.Message);
        Assert.Contains("Give each metric one rule", error.Message);
    }

    [Fact]
    public void Should_Refuse_An_At_Least_Bound_Above_The_At_Most_Bound()
    {
        var error = Assert.Throws<RegistryException>(
            () => ReleasePolicy.For("mnist").Metric(MetricRule.Higher("accuracy").AtLeastValue(0.9).AtMostValue(0.8)));

        Assert.Contains("at least 0.9 and at most 0.8", error.Message);
        Assert.Contains("Swap the bounds", error.Message);
    }

    [Fact]
    public void Should_Accept_Equal_At_Least_And_At_Most_Bounds()
    {
        var policy = ReleasePolicy.For("mnist").Metric(MetricRule.Higher("accuracy").AtLeastValue(0.9).AtMostValue(0.9));

        Assert.Equal(0.9, policy.Metrics[0].AtMost);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Should_Refuse_A_Bound_That_Is_Not_Finite(double bound)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicy.For("mnist").Metric(MetricRule.Lower("loss").AtMostValue(bound)));

        Assert.Contains("a bound must be a finite number", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Should_Refuse_A_Metric_Without_A_Name(string name)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicy.For("mnist").Metric(MetricRule.Higher(name)));

        Assert.Contains("has no name", error.Message);
        Assert.Contains("MetricRule.Higher(\"accuracy\")", error.Message);
    }

    [Theory]
    [InlineData(new[] { 0 }, "canary step 0")]
    [InlineData(new[] { 10, 100 }, "canary step 100")]
    [InlineData(new[] { -5 }, "canary step -5")]
    [InlineData(new[] { 50, 10 }, "(10 comes after 50)")]
    [InlineData(new[] { 10, 10 }, "(10 comes after 10)")]
    [InlineData(new int[0], "no canary steps")]
    public void Should_Refuse_Canary_Steps_That_Are_Not_Increasing_Percentages(int[] steps, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicy.For("mnist").WithCanarySteps(steps));

        Assert.Contains(expected, error.Message);
        Assert.Contains("[10", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Negative_Keep_Count()
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicy.For("mnist").Keeping(-1));

        Assert.Contains("keep is -1", error.Message);
        Assert.Contains("give 0 or more", error.Message);
    }

    [Theory]
    [InlineData("Sentiment", "lower-case")]
    [InlineData("", "required")]
    [InlineData("models.config", "reserved")]
    public void Should_Refuse_An_Invalid_Model_Name(string model, string expected)
    {
        var error = Assert.Throws<RegistryException>(() => ReleasePolicy.For(model));

        Assert.StartsWith("Release policy: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Should_Catch_What_Object_Initializers_Slipped_Past_The_Builders_When_Validating()
    {
        // Given: a policy built without the builders, so nothing was checked yet
        var duplicate = new ReleasePolicy("mnist") { Metrics = [MetricRule.Higher("accuracy"), MetricRule.Higher("accuracy")] };
        var badSteps = new ReleasePolicy("mnist") { CanarySteps = [50, 10] };
        var badKeep = new ReleasePolicy("mnist") { Keep = -2 };
        var badName = new ReleasePolicy("Bad Name");
        var badFormat = new ReleasePolicy("mnist") { Artifact = (ArtifactFormat)42 };

        // When / Then
        Assert.Contains("has two rules", Assert.Throws<RegistryException>(duplicate.Validate).Message);
        Assert.Contains("must grow strictly", Assert.Throws<RegistryException>(badSteps.Validate).Message);
        Assert.Contains("keep is -2", Assert.Throws<RegistryException>(badKeep.Validate).Message);
        Assert.Contains("not valid", Assert.Throws<RegistryException>(badName.Validate).Message);
        Assert.Contains("TensorFlowSavedModel", Assert.Throws<RegistryException>(badFormat.Validate).Message);
    }

    [Fact]
    public void Should_Refuse_A_Drop_Tolerance_On_A_Lower_Is_Better_Metric()
    {
        var error = Assert.Throws<RegistryException>(() => MetricRule.Lower("latency").MayDropBy(5));

        Assert.Contains("lower-is-better", error.Message);
        Assert.Contains("use MayGrowBy or MayGrowByPercent instead of MayDropBy", error.Message);
    }

    [Fact]
    public void Should_Refuse_A_Growth_Tolerance_On_A_Higher_Is_Better_Metric()
    {
        var error = Assert.Throws<RegistryException>(() => MetricRule.Higher("accuracy").MayGrowByPercent(5));

        Assert.Contains("use MayDropBy or MayDropByPercent instead of MayGrowByPercent", error.Message);
    }
}
