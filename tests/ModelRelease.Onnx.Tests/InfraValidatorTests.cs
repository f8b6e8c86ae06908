using ModelRelease.Testing;

namespace ModelRelease.Onnx.Tests;

public sealed class InfraValidatorTests(TrainedSentiment models) : IClassFixture<TrainedSentiment>
{
    [Fact]
    public void Should_Pass_A_Candidate_That_Loads_Keeps_The_Signature_And_Answers_In_Time()
    {
        var report = InfraValidator.Validate("sentiment", models.Better, ("v1", models.Good), PredictRequests.LoadInstances(models.Requests), maxLatencyP99Ms: 1000);

        Assert.Equal(InfraCheckOutcome.Passed, report.Outcome);
        Assert.All(report.Checks, c => Assert.Equal(InfraCheckOutcome.Passed, c.Outcome));
        Assert.NotNull(report.LatencyP99Ms);
        Assert.Contains(report.Checks, c => c.Actual == "20 of 20 answered");
    }

    [Fact]
    public void Should_Block_A_Candidate_Whose_Input_Was_Renamed_And_Name_The_Input()
    {
        var report = InfraValidator.Validate("sentiment", models.Renamed, ("v1", models.Good), PredictRequests.LoadInstances(models.Requests), maxLatencyP99Ms: null);

        Assert.Equal(InfraCheckOutcome.Failed, report.Outcome);
        var text = report.FailureText();
        Assert.Contains("input 'text' (string [?,1]) that stable's clients send is missing from the candidate", text, StringComparison.Ordinal);
        Assert.Contains("'review'", text, StringComparison.Ordinal);
        Assert.Contains("renamed", text, StringComparison.Ordinal);
        // The warm-up requests carry 'text', so they fail too, and say which input they lack.
        Assert.Contains(report.Checks, c => c.Name == "answers the warm-up requests" && c.Outcome == InfraCheckOutcome.Failed && c.Actual.Contains("no input 'review'", StringComparison.Ordinal));
    }

    [Fact]
    public void Should_Fail_The_Latency_Bound_When_Requests_Are_Slower_Than_The_Policy_Allows()
    {
        var report = InfraValidator.Validate("sentiment", models.Good, null, PredictRequests.LoadInstances(models.Requests), maxLatencyP99Ms: 0.000001);

        Assert.Equal(InfraCheckOutcome.Failed, report.Outcome);
        Assert.Contains("p99 latency per request", report.FailureText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Fail_A_File_That_Is_Not_A_Loadable_Model()
    {
        var directory = models.NewDirectory("broken");
        File.WriteAllText(Path.Combine(directory, "model.onnx"), "not a protobuf");

        var report = InfraValidator.Validate("sentiment", directory, null, PredictRequests.LoadInstances(models.Requests), null);

        Assert.Equal(InfraCheckOutcome.Failed, report.Outcome);
        Assert.Single(report.Checks);
        Assert.Contains("ONNX Runtime could not load", report.Checks[0].Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Report_A_SavedModel_As_Not_Checked_Never_As_Passed()
    {
        var directory = models.NewDirectory("savedmodel");
        File.WriteAllText(Path.Combine(directory, "saved_model.pbtxt"), "meta_graphs {}");
        Directory.CreateDirectory(Path.Combine(directory, "variables"));

        var report = InfraValidator.Validate("sentiment", directory, ("v1", models.Good), PredictRequests.LoadInstances(models.Requests), 50);

        Assert.Equal(InfraCheckOutcome.NotChecked, report.Outcome);
        Assert.NotEqual(InfraCheckOutcome.Passed, report.Checks.Single().Outcome);
        Assert.Contains("SavedModel", report.Checks[0].Actual, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Not_Compare_Signatures_With_A_Stable_That_Is_Not_Onnx()
    {
        var stable = models.NewDirectory("stable-savedmodel");
        File.WriteAllText(Path.Combine(stable, "saved_model.pb"), "x");

        var report = InfraValidator.Validate("sentiment", models.Good, ("v1", stable), PredictRequests.LoadInstances(models.Requests), null);

        Assert.Contains(report.Checks, c => c.Name.StartsWith("signature", StringComparison.Ordinal) && c.Outcome == InfraCheckOutcome.NotChecked);
        Assert.Equal(InfraCheckOutcome.Passed, report.Outcome);
    }
}
