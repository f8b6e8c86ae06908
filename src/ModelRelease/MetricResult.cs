using ModelRelease.Internal;

namespace ModelRelease;

/// <summary>
/// What a metric source answered to one query: a number, no data (the query matched nothing, or the value is NaN), or
/// an error saying why the source could not answer. No data and errors are judged differently: no data makes a
/// measurement inconclusive, an error makes it an error, and only a run of errors stops an analysis.
/// </summary>
public sealed record MetricResult
{
    /// <summary>The longest <see cref="Raw"/> kept: enough to show what the source said, small enough for the audit log.</summary>
    public const int MaxRawLength = 500;

    private MetricResult(double? value, MetricErrorKind? errorKind, string detail, string? raw)
    {
        Value = value;
        ErrorKind = errorKind;
        Detail = detail;
        Raw = raw is { Length: > MaxRawLength } ? raw[..MaxRawLength] : raw;
    }

    /// <summary>The number, when there is one.</summary>
    public double? Value { get; }

    /// <summary>True when <see cref="Value"/> holds a number.</summary>
    public bool HasValue => Value.HasValue;

    /// <summary>True when the source could not answer; <see cref="ErrorKind"/> says why.</summary>
    public bool IsError => ErrorKind.HasValue;

    /// <summary>True when the source answered, but with nothing to judge by.</summary>
    public bool IsNoData => !HasValue && !IsError;

    /// <summary>Why the source could not answer, for an error.</summary>
    public MetricErrorKind? ErrorKind { get; }

    /// <summary>Why there is no data, or the error's text; "" for a value.</summary>
    public string Detail { get; }

    /// <summary>The raw sample or a snippet of the response (at most <see cref="MaxRawLength"/> characters), kept as evidence.</summary>
    public string? Raw { get; }

    /// <summary>A value. NaN counts as no data: a ratio over no requests is 0/0, which is not a measurement.</summary>
    public static MetricResult Of(double value, string? raw = null) =>
        double.IsNaN(value) ? new(null, null, "the value is NaN", raw ?? "NaN") : new(value, null, "", raw);

    /// <summary>No data, saying <paramref name="why"/>.</summary>
    public static MetricResult NoData(string why)
    {
        ArgumentNullException.ThrowIfNull(why);
        return new(null, null, why, null);
    }

    /// <summary>An error of <paramref name="kind"/>, with <paramref name="detail"/> saying what went wrong.</summary>
    public static MetricResult Failure(MetricErrorKind kind, string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new(null, kind, detail, null);
    }

    /// <summary>A copy that keeps <paramref name="raw"/> as evidence.</summary>
    internal MetricResult WithRaw(string? raw) => new(Value, ErrorKind, Detail, raw);

    /// <summary>"0.0123", "no data (…)" or "error: …".</summary>
    public override string ToString() =>
        Value is { } value ? NumberText.Exact(value)
        : IsError ? $"error: {DisplayText.Escape(Detail)}"
        : $"no data ({DisplayText.Escape(Detail)})";
}
