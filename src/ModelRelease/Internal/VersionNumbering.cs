using System.Globalization;

namespace ModelRelease.Internal;

/// <summary>
/// Picks a new version's serving number and default name. Both come from the push time: the number is
/// <c>YYYYMMDDHHMMSS</c> and the name <c>v-YYYYMMDD-HHMMSS</c>. When that second is taken (two pushes in one
/// second, or a clock behind the newest version) the time moves on a second at a time, so names stay real
/// timestamps and numbers stay strictly increasing.
/// </summary>
internal static class VersionNumbering
{
    private const string NumberFormat = "yyyyMMddHHmmss";

    public static (string Name, long Number) Next(DateTimeOffset now, long? newestNumber, string? givenName, Func<string, bool> nameTaken)
    {
        var time = TruncateToSecond(now.ToUniversalTime());
        if (newestNumber is { } newest && NumberOf(time) <= newest)
        {
            // Jump straight past the newest number rather than stepping: a clock hours behind would loop for hours.
            time = TimeOf(newest) is { } newestTime ? newestTime.AddSeconds(1) : time;
        }

        while (true)
        {
            var number = NumberOf(time);
            if (newestNumber is { } n && number <= n)
            {
                // The newest number is not a timestamp (edited by hand); keep strict order anyway.
                number = n + 1;
            }

            var name = givenName ?? DefaultName(time);
            if (givenName is not null || !nameTaken(name))
            {
                return (name, number);
            }

            time = time.AddSeconds(1);
        }
    }

    public static string DefaultName(DateTimeOffset time) =>
        "v-" + time.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    private static long NumberOf(DateTimeOffset time) =>
        long.Parse(time.UtcDateTime.ToString(NumberFormat, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static DateTimeOffset? TimeOf(long number) =>
        DateTime.TryParseExact(number.ToString(CultureInfo.InvariantCulture), NumberFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? new DateTimeOffset(time, TimeSpan.Zero)
            : null;

    private static DateTimeOffset TruncateToSecond(DateTimeOffset time) =>
        new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
