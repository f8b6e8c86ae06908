using ModelRelease.Tests.Fixtures;

namespace ModelRelease.Tests.Release;

/// <summary>
/// Candidate artifacts of each layout in a temp directory, and stable versions with chosen metrics, for the
/// validator tests. Versions are built directly: the validator only reads their name and metrics.
/// </summary>
public sealed class Candidates : IDisposable
{
    private readonly TempDirectory _temp = new();

    public TempDirectory Temp => _temp;

    /// <summary>A SavedModel export: the graph (binary or text) and a variables/ directory.</summary>
    public string SavedModel(string name = "saved", string graph = "saved_model.pb", bool variables = true)
    {
        var directory = _temp.CreateDirectory(name);
        _temp.WriteFile($"{name}/{graph}", "graph");
        if (variables)
        {
            _temp.WriteFile($"{name}/variables/variables.index", "index");
        }

        return directory;
    }

    /// <summary>A directory holding the given files (with '/'-separated paths).</summary>
    public string Directory(string name, params string[] files)
    {
        var directory = _temp.CreateDirectory(name);
        foreach (var file in files)
        {
            _temp.WriteFile($"{name}/{file}", "bytes");
        }

        return directory;
    }

    public static ModelVersion Stable(string name, params (string Metric, double Value)[] metrics) =>
        new(
            Id: 1,
            Model: "sentiment",
            Name: name,
            Number: 20261128100000,
            Digest: "sha256:" + new string('0', 64),
            TotalBytes: 10,
            FileCount: 2,
            Git: GitProvenance.Unknown,
            Dataset: DatasetVersion.Unknown,
            Hyperparameters: new Dictionary<string, string>(),
            Metrics: metrics.ToDictionary(m => m.Metric, m => m.Value),
            CreatedAt: new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero),
            Actor: "tester",
            Host: "build-box",
            CiRunUrl: null,
            Blessing: Blessing.Blessed,
            BlessingReason: null,
            PrunedAt: null);

    public static Dictionary<string, double> Metrics(params (string Metric, double Value)[] metrics) =>
        metrics.ToDictionary(m => m.Metric, m => m.Value);

    public void Dispose() => _temp.Dispose();
}
