using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelRelease.Pipelines;

/// <summary>Reads <c>--since</c>: an ISO 8601 date or time (UTC unless it says otherwise), or an age back from now.</summary>
public static partial class SinceParser
{
    /// <summary>The time <paramref name="text"/> names, or null when it is neither a time nor an age.</summary>
    public static DateTimeOffset? Parse(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        var age = Age().Match(text.Trim());
        if (age.Success)
        {
            var amount = int.Parse(age.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = age.Groups[2].Value switch
            {
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7.0 * amount),
            };

            // An age reaching back before year 1 names no time (DateTimeOffset would throw).
            return now - DateTimeOffset.MinValue < span ? null : now - span;
        }

        return DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    [GeneratedRegex(@"\A(\d{1,6})([mhdw])\z")]
    private static partial Regex Age();
}
