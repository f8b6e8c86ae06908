namespace ModelRelease.Pipelines.Demo;

/// <summary>
/// Trains the Demo's sample model for real. The Demo takes it from the host's services, so the stock tasks carry no
/// training library: this repository's host registers the sample trainer (ML.NET, exported as ONNX,
/// pipelines/samples/sentiment/train), and a team's host may register its own.
/// </summary>
public interface ISampleTrainer
{
    /// <summary>Trains one version into <paramref name="directory"/> (which it creates), leaving the ONNX model there.</summary>
    SampleTraining Train(SampleRecipe recipe, string directory);

    /// <summary>Writes the labelled evaluation set Evaluate scores candidate and stable on (JSON Lines).</summary>
    void WriteEvaluationSet(string path);

    /// <summary>Writes the warm-up requests InfraValidate sends (JSON Lines of predict bodies).</summary>
    void WriteRequests(string path);
}
