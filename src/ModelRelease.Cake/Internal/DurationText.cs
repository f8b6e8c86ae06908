using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace ModelRelease.Cake.Internal;

/// <summary>
/// Durations as people write them on a command line: <c>90s</c>, <c>5m</c>, <c>2h</c>, <c>7d</c>, <c>250ms</c>,
/// a clock <c>1.12:00:00</c>, or ISO 8601 <c>PT1H30M</c>. A bare number is refused: "5" would be five days to
/// <see cref="TimeSpan"/>, five seconds to a shell's <c>sleep</c>.
/// </summary>
internal static partial class DurationText
{
    /// <summary>The duration <paramref name="text"/> names, or null; a negative one is refused.</summary>
    public static TimeSpan? Parse(string text)
    {
        var value = ParseSigned(text);
        return value is { } span && span >= TimeSpan.Zero ? span : null;
    }

    /// <summary>The shortest exact form: <c>90s</c> stays <c>90s</c>, two hours is <c>2h</c>.</summary>
    public static string Format(TimeSpan value)
    {
        (long Ticks, string Unit)[] units =
        [
            (TimeSpan.TicksPerDay, "d"),
            (TimeSpan.TicksPerHour, "h"),
            (TimeSpan.TicksPerMinute, "m"),
            (TimeSpan.TicksPerSecond, "s"),
            (TimeSpan.TicksPerMillisecond, "ms"),
        ];
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }

        foreach (var (ticks, unit) in units)
        {
            if (value.Ticks % ticks == 0)
            {
                return (value.Ticks / ticks).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return value.ToString("c", CultureInfo.InvariantCulture);
    }

    private static TimeSpan? ParseSigned(string text)
    {
        var match = WithUnit().Match(text);
        if (match.Success)
        {
            var amount = double.Parse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var unit = match.Groups[2].Value switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => TimeSpan.TicksPerDay,
            };
            var ticks = amount * unit;
            return ticks <= TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)Math.Round(ticks)) : null;
        }

        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                return XmlConvert.ToTimeSpan(text);
            }
            catch (Exception error) when (error is FormatException or OverflowException)
            {
                return null;
            }
        }

        // Only a clock with a ':' in it: TimeSpan would read a bare "5" as five days.
        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var clock) ? clock : null;
    }

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex WithUnit();
}
