namespace ModelRelease.Tests.Release;

public sealed class ArtifactValidationTests : IDisposable
{
    private readonly Candidates _candidates = new();

    public void Dispose() => _candidates.Dispose();

    [Theory]
    [InlineData("saved_model.pb")]
    [InlineData("saved_model.pbtxt")]
    public void Should_Pass_A_SavedModel_With_A_Graph_And_Variables(string graph)
    {
        // Given
        var artifact = _candidates.SavedModel(graph: graph);

        // When
        var check = ArtifactCheck(ArtifactFormat.TensorFlowSavedModel, artifact);

        // Then
        Assert.True(check.Passed);
        Assert.Equal("artifact (TensorFlow SavedModel)", check.Name);
        Assert.Equal($"{graph}, variables/", check.Actual);
        Assert.Equal("saved_model.pb or saved_model.pbtxt, and variables/", check.Expected);
    }

    [Fact]
    public void Should_Fail_A_SavedModel_Without_Variables_Saying_How_To_Export_One()
    {
        var artifact = _candidates.SavedModel(variables: false);

        var check = ArtifactCheck(ArtifactFormat.TensorFlowSavedModel, artifact);

        Assert.False(check.Passed);
        Assert.Equal("saved_model.pb", check.Actual);
        Assert.Contains("has no variables/ directory", check.Note);
        Assert.Contains("tf.saved_model.save", check.Note);
    }

    [Fact]
    public void Should_Not_Take_A_File_Named_Variables_For_The_Directory()
    {
        var artifact = _candidates.Directory("odd", "saved_model.pb", "variables");

        Assert.False(ArtifactCheck(ArtifactFormat.TensorFlowSavedModel, artifact).Passed);
    }

    [Fact]
    public void Should_Point_At_The_Numbered_Subdirectory_TensorFlow_Exports_Into()
    {
        // Given: export/1/saved_model.pb, the layout TF Serving's export tools write
        _candidates.SavedModel(name: "export/1");
        var artifact = _candidates.Temp.Combine("export");

        // When
        var check = ArtifactCheck(ArtifactFormat.TensorFlowSavedModel, artifact);

        // Then
        Assert.False(check.Passed);
        Assert.Equal("1/", check.Actual);
        Assert.Contains("there is one in 1/, so pass --artifact=" + Path.Combine(artifact, "1"), check.Note);
    }

    [Fact]
    public void Should_Say_An_Onnx_Model_Looks_Like_Onnx_When_A_SavedModel_Was_Required()
    {
        var artifact = _candidates.Directory("onnx", "model.onnx");

        var check = ArtifactCheck(ArtifactFormat.TensorFlowSavedModel, artifact);

        Assert.False(check.Passed);
        Assert.Contains("has no saved_model.pb or saved_model.pbtxt at the top", check.Note);
        Assert.Contains("it looks like an ONNX model: set the policy's artifact to onnx", check.Note);
    }

    [Theory]
    [InlineData(new[] { "model.onnx" }, "model.onnx")]
    [InlineData(new[] { "encoder.onnx", "decoder.ONNX", "vocab.txt" }, "decoder.ONNX, encoder.onnx")]
    public void Should_Pass_An_Onnx_Artifact_Naming_The_Models_Found(string[] files, string expected)
    {
        var artifact = _candidates.Directory("onnx", files);

        var check = ArtifactCheck(ArtifactFormat.Onnx, artifact);

        Assert.True(check.Passed);
        Assert.Equal("artifact (ONNX)", check.Name);
        Assert.Equal(expected, check.Actual);
    }

    [Fact]
    public void Should_Fail_An_Onnx_Artifact_Without_An_Onnx_File_Saying_What_Was_There()
    {
        var artifact = _candidates.SavedModel();

        var check = ArtifactCheck(ArtifactFormat.Onnx, artifact);

        Assert.False(check.Passed);
        Assert.Equal("no .onnx file; found saved_model.pb, variables/", check.Actual);
        Assert.Contains("it looks like a TensorFlow SavedModel: set the policy's artifact to tensorflow-saved-model", check.Note);
    }

    [Fact]
    public void Should_Not_Count_An_Onnx_File_Below_The_Top_Level()
    {
        var artifact = _candidates.Directory("nested", "models/model.onnx");

        var check = ArtifactCheck(ArtifactFormat.Onnx, artifact);

        Assert.False(check.Passed);
        Assert.Contains("there is one in models/", check.Note);
    }

    [Fact]
    public void Should_Pass_Any_Non_Empty_Directory_When_The_Format_Is_Any()
    {
        var artifact = _candidates.Directory("any", "model.pt", "a", "b", "c", "d", "e");

        var check = ArtifactCheck(ArtifactFormat.Any, artifact);

        Assert.True(check.Passed);
        Assert.Equal("a, b, c, d, e, … (1 more)", check.Actual);
    }

    [Fact]
    public void Should_Fail_An_Empty_Directory_When_The_Format_Is_Any()
    {
        var artifact = _candidates.Temp.CreateDirectory("empty");

        var check = ArtifactCheck(ArtifactFormat.Any, artifact);

        Assert.False(check.Passed);
        Assert.Equal("empty", check.Actual);
        Assert.Contains("is empty: point --artifact at the exported model", check.Note);
    }

    [Theory]
    [InlineData(ArtifactFormat.Any)]
    [InlineData(ArtifactFormat.TensorFlowSavedModel)]
    [InlineData(ArtifactFormat.Onnx)]
    public void Should_Report_A_Missing_Artifact_Directory_As_A_Failed_Check_Not_An_Exception(ArtifactFormat format)
    {
        var missing = _candidates.Temp.Combine("never-exported");

        var report = Validate(format, missing);

        var check = Assert.Single(report.Checks);
        Assert.False(check.Passed);
        Assert.Equal("missing", check.Actual);
        Assert.Contains($"there is no artifact directory at {missing}: check --artifact", check.Note);
        Assert.Equal(Blessing.Rejected, report.Verdict);
    }

    [Fact]
    public void Should_Ask_For_The_Directory_When_A_Model_File_Is_Given()
    {
        var artifact = _candidates.Directory("onnx", "model.onnx");

        var check = ArtifactCheck(ArtifactFormat.Onnx, Path.Combine(artifact, "model.onnx"));

        Assert.False(check.Passed);
        Assert.Equal("a file, not a directory", check.Actual);
        Assert.Contains("--artifact=" + artifact, check.Note);
    }

    [Fact]
    public void Should_Refuse_An_Empty_Artifact_Argument()
    {
        var error = Assert.Throws<RegistryException>(() => Validate(ArtifactFormat.Any, " "));

        Assert.Contains("--artifact=", error.Message);
    }

    private static ValidationReport Validate(ArtifactFormat format, string artifact) =>
        CandidateValidator.Validate(ReleasePolicy.For("sentiment").RequireArtifact(format), artifact, Candidates.Metrics(), stable: null);

    private static ValidationCheck ArtifactCheck(ArtifactFormat format, string artifact) => Validate(format, artifact).Checks[0];
}
