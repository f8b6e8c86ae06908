using System.Globalization;

namespace ModelRelease.Internal;

/// <summary>
/// Sample values as Prometheus and metrics files write them: a decimal number, or "NaN", "+Inf", "-Inf" (Prometheus)
/// and "Infinity", "-Infinity" (Python's json). NaN becomes no data through <see cref="MetricResult.Of"/>.
/// </summary>
internal static class MetricValueText
{
    public static double? Parse(string? text) => text switch
    {
        null => null,
        "NaN" => double.NaN,
        "+Inf" or "Inf" or "Infinity" or "+Infinity" => double.PositiveInfinity,
        "-Inf" or "-Infinity" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null,
    };

    /// <summary>The value as a file stores it: a number, or the Python spelling of NaN and the infinities.</summary>
    public static string? NonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : null;
}
