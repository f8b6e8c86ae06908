using System.Text.Json;
using ModelRelease.Testing;

namespace ModelRelease.Onnx.Tests;

public sealed class InputsAndFilesTests(TrainedSentiment models) : IClassFixture<TrainedSentiment>
{
    [Fact]
    public void Should_Predict_From_An_Object_Instance_Or_A_Bare_Value_For_A_One_Input_Model()
    {
        using var model = OnnxModel.Load(models.Good);

        var named = model.Predict(JsonDocument.Parse("""{"text": "great wonderful film"}""").RootElement);
        var bare = model.Predict(JsonDocument.Parse("\"great wonderful film\"").RootElement);

        Assert.Equal(named["Probability"]!.GetValue<float>(), bare["Probability"]!.GetValue<float>());
        Assert.True(named["PredictedLabel"]!.GetValue<bool>());
        Assert.Equal(["PredictedLabel", "Probability", "Score"], named.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Should_Refuse_A_Value_Of_The_Wrong_Type_Naming_The_Input()
    {
        using var model = OnnxModel.Load(models.Good);

        var error = Assert.Throws<ModelInputException>(() => model.Predict(JsonDocument.Parse("""{"text": 42}""").RootElement));

        Assert.Contains("Input 'text' takes string values, but the instance gives 42", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Say_Which_Line_Of_An_Evaluation_Set_Is_Malformed()
    {
        var path = Path.Combine(models.NewDirectory("bad-set"), "eval.jsonl");
        File.WriteAllLines(path, ["""{"instance": {"text": "a"}, "label": 1}""", """{"instance": {"text": "b"}, "label": 2}"""]);

        var error = Assert.Throws<InvalidDataException>(() => EvaluationSet.Load(path));

        Assert.Contains("line 2 has label 2; a label is 1 or 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Should_Record_Which_Data_An_Evaluation_Was_Measured_On()
    {
        var set = EvaluationSet.Load(models.EvaluationSet);

        Assert.Equal(400, set.Examples.Count);
        Assert.Matches("^sha256:[0-9a-f]{64}$", set.Digest);
        Assert.Equal(set.Digest, EvaluationSet.Load(models.EvaluationSet).Digest);
        Assert.Equal(["movies", "products"], set.Slices.Order());
    }

    [Fact]
    public void Should_Find_No_Model_File_In_A_SavedModel_And_Refuse_Two_Unnamed_Ones()
    {
        var saved = models.NewDirectory("saved");
        File.WriteAllText(Path.Combine(saved, "saved_model.pb"), "x");
        var two = models.NewDirectory("two");
        File.WriteAllText(Path.Combine(two, "a.onnx"), "x");
        File.WriteAllText(Path.Combine(two, "b.onnx"), "x");

        Assert.Null(OnnxModel.FindModelFile(saved));
        var error = Assert.Throws<ModelLoadException>(() => OnnxModel.FindModelFile(two));
        Assert.Contains("none is model.onnx", error.Message, StringComparison.Ordinal);
    }
}
