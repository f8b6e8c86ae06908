using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// How values are spelled in the store. Times are fixed-width ISO-8601 UTC text, so text order is time order in
/// every database; enums are kebab-case words, so the store reads well in a SQL shell and survives reordering.
/// </summary>
internal static class SqlValues
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>
    /// A time as stored: truncated to whole microseconds, the finest PostgreSQL keeps, so a time reads back the same
    /// from every store (and a row copied between stores compares equal).
    /// </summary>
    public static string Time(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        return utc.AddTicks(-(utc.Ticks % 10)).ToString(TimeFormat, CultureInfo.InvariantCulture);
    }

    public static string? Time(DateTimeOffset? value) => value is { } v ? Time(v) : null;

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static DateTimeOffset? ParseOptionalTime(string? text) => text is null ? null : ParseTime(text);

    public static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    public static TEnum ParseWord<TEnum>(string text)
        where TEnum : struct, Enum
    {
        // The untyped GetValues is precompiled with the framework; the generic one would be compiled at run time per enum.
        foreach (var value in (TEnum[])Enum.GetValues(typeof(TEnum)))
        {
            if (Word(value) == text)
            {
                return value;
            }
        }

        throw new RegistryException($"The metadata store holds '{text}' where a {typeof(TEnum).Name} was expected; it was written by another ModelRelease or edited by hand.");
    }

    public static string Json<T>(T value) => JsonSerializer.Serialize(value);

    public static T ParseJson<T>(string text)
        where T : class =>
        JsonSerializer.Deserialize<T>(text) ?? throw EmptyJson();

    /// <summary>Hyperparameters: an object of strings (read without the serializer, see <see cref="JsonText"/>).</summary>
    public static Dictionary<string, string> ParseStringMap(string text) =>
        JsonText.Read(text, root => root.ValueKind == JsonValueKind.Null ? throw EmptyJson() : JsonText.ReadStringMap(root));

    /// <summary>Metrics: an object of numbers (read without the serializer, see <see cref="JsonText"/>).</summary>
    public static Dictionary<string, double> ParseNumberMap(string text) =>
        JsonText.Read(text, root => root.ValueKind == JsonValueKind.Null ? throw EmptyJson() : JsonText.ReadNumberMap(root));

    private static RegistryException EmptyJson() => new("The metadata store holds an empty JSON value where one was expected.");
}
