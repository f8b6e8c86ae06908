using System.Globalization;

namespace ModelRelease.Internal;

/// <summary>
/// Numbers in validation tables and messages: invariant culture everywhere, so a German CI runner does not print
/// "0,91"; measured values compact, numbers from the policy exactly as written.
/// </summary>
internal static class NumberText
{
    /// <summary>A measured value, to six significant digits: enough to read, short enough for a table.</summary>
    public static string Format(double value) => Text(value, "G6");

    /// <summary>A number from the policy, shortest text that round-trips, so the table shows what the user wrote.</summary>
    public static string Exact(double value) => Text(value, "R");

    /// <summary>A change with its sign, so "+0.02" and "-0.02" read as moves rather than values.</summary>
    public static string Signed(double change) => change > 0 ? "+" + Format(change) : Format(change);

    /// <summary>
    /// Two values compactly, unless six digits would make different values look equal: "0.85 &lt; 0.85" would be a
    /// baffling rejection, so digits are added until the difference shows.
    /// </summary>
    public static (string Left, string Right) Distinct(double left, double right)
    {
        for (var digits = 6; digits < 17; digits++)
        {
            var format = "G" + digits.ToString(CultureInfo.InvariantCulture);
            var (a, b) = (Text(left, format), Text(right, format));
            if (a != b || left == right)
            {
                return (a, b);
            }
        }

        return (Text(left, "R"), Text(right, "R"));
    }

    // -0 would print as "-0", which reads like a regression of nothing.
    private static string Text(double value, string format) => (value == 0 ? 0 : value).ToString(format, CultureInfo.InvariantCulture);
}
