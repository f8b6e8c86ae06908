using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelRelease.Internal;

/// <summary>Durations as Prometheus and Argo write them in configuration: "500ms", "30s", "5m", "1h".</summary>
internal static partial class DurationText
{
    private static readonly (string Unit, long Ticks)[] Units =
        [("h", TimeSpan.TicksPerHour), ("m", TimeSpan.TicksPerMinute), ("s", TimeSpan.TicksPerSecond), ("ms", TimeSpan.TicksPerMillisecond)];

    /// <summary>The duration <paramref name="text"/> gives, or null when it is not a number followed by ms, s, m or h.</summary>
    public static TimeSpan? Parse(string? text)
    {
        var match = text is null ? null : Duration().Match(text);
        if (match is null || !match.Success)
        {
            return null;
        }

        var amount = decimal.Parse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var unit = Units.First(u => u.Unit == match.Groups["unit"].Value);
        var ticks = amount * unit.Ticks;
        return ticks > TimeSpan.MaxValue.Ticks ? null : TimeSpan.FromTicks((long)Math.Round(ticks));
    }

    /// <summary>The duration in the largest unit that expresses it exactly ("90s", not "1.5m"), so Parse reads it back as it was.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var sign = duration < TimeSpan.Zero ? "-" : "";
        var ticks = Math.Abs((decimal)duration.Ticks);
        foreach (var (unit, size) in Units)
        {
            if (ticks % size == 0)
            {
                return sign + (ticks / size).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return sign + (ticks / TimeSpan.TicksPerMillisecond).ToString(CultureInfo.InvariantCulture) + "ms";
    }

    [GeneratedRegex(@"^(?<amount>[0-9]{1,12}(\.[0-9]{1,7})?)(?<unit>ms|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
