namespace ModelRelease.Pipelines.Tests;

public sealed class SampleModelTests
{
    [Fact]
    public void Should_Ship_The_Same_Policy_In_Json_As_In_Code()
    {
        var fromFile = ReleasePolicyFile.Parse(SampleModel.ReadText("policy.json"), "samples/sentiment/policy.json");

        Assert.Equal(SampleModel.Policy, fromFile);
    }

    [Fact]
    public void Should_Embed_A_SavedModel_That_Passes_Its_Own_Policy()
    {
        var directory = Directory.CreateTempSubdirectory("modelrelease-sample-").FullName;
        try
        {
            SampleModel.Extract(directory);
            var metrics = MetricsInput.Parse(Path.Combine(directory, "metrics.json"), directory);

            var report = CandidateValidator.Validate(SampleModel.Policy, Path.Combine(directory, "model"), metrics, stable: null);

            Assert.True(report.Passed, report.Summary());
            Assert.Contains("model/saved_model.pbtxt", SampleModel.Files);
            Assert.Contains("model/variables/variables.index", SampleModel.Files);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
