namespace ModelRelease.Serving.Internal;

/// <summary>
/// The live figures of one model version (by name, so they survive the version being reloaded under another
/// number): requests, errors, a latency histogram, and the accuracy of its last labelled predictions.
/// </summary>
internal sealed class VersionMetrics
{
    /// <summary>Upper bounds of the latency buckets in seconds, from half a millisecond to Prometheus' usual 2.5 s.</summary>
    public static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    /// <summary>How many of the latest labelled instances the live accuracy is computed over.</summary>
    public const int AccuracyWindow = 200;

    private readonly object _gate = new();
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private readonly bool[] _correct = new bool[AccuracyWindow];
    private long _requests;
    private long _errors;
    private double _durationSum;
    private long _labelled;

    public VersionMetrics(string model, string version)
    {
        Model = model;
        Version = version;
    }

    public string Model { get; }

    public string Version { get; }

    public void Record(TimeSpan duration, bool error)
    {
        var seconds = duration.TotalSeconds;
        lock (_gate)
        {
            _requests++;
            if (error)
            {
                _errors++;
            }

            _durationSum += seconds;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (seconds <= Buckets[i])
                {
                    _bucketCounts[i]++;
                }
            }
        }
    }

    /// <summary>Records whether each labelled prediction of one request was right.</summary>
    public void RecordLabelled(IEnumerable<bool> correct)
    {
        lock (_gate)
        {
            foreach (var right in correct)
            {
                _correct[_labelled % AccuracyWindow] = right;
                _labelled++;
            }
        }
    }

    public Snapshot Read()
    {
        lock (_gate)
        {
            var window = (int)Math.Min(_labelled, AccuracyWindow);
            double? accuracy = window == 0 ? null : (double)_correct.Take(window).Count(c => c) / window;
            return new Snapshot(_requests, _errors, _durationSum, [.. _bucketCounts], _labelled, accuracy);
        }
    }

    /// <summary>A consistent reading: the histogram's count always equals the request count.</summary>
    public sealed record Snapshot(long Requests, long Errors, double DurationSum, long[] CumulativeBuckets, long Labelled, double? Accuracy);
}
