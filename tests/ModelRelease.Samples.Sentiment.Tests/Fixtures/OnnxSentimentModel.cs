using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelRelease.Samples.Sentiment.Tests.Fixtures;

/// <summary>An exported model loaded in ONNX Runtime, run one row per call (the exported tokenizer merges a batch).</summary>
public sealed class OnnxSentimentModel : IDisposable
{
    private readonly InferenceSession session;

    public OnnxSentimentModel(string path)
    {
        session = new InferenceSession(path);
    }

    public IReadOnlyDictionary<string, NodeMetadata> Inputs => session.InputMetadata;

    public IReadOnlyDictionary<string, NodeMetadata> Outputs => session.OutputMetadata;

    public (bool Positive, float Probability) Predict(string text)
    {
        var input = NamedOnnxValue.CreateFromTensor(Inputs.Keys.Single(), new DenseTensor<string>(new[] { text }, [1, 1]));
        using var results = session.Run([input]);
        var positive = results.Single(r => r.Name == SentimentTrainer.PredictedLabelOutput).AsTensor<bool>().Single();
        var probability = results.Single(r => r.Name == SentimentTrainer.ProbabilityOutput).AsTensor<float>().Single();
        return (positive, probability);
    }

    /// <summary>The share of an evaluation set's rows whose predicted label is the row's label.</summary>
    public double Accuracy(IReadOnlyList<EvaluationRow> rows) =>
        rows.Count(row => Predict(row.Text).Positive == row.Positive) / (double)rows.Count;

    public void Dispose() => session.Dispose();
}
