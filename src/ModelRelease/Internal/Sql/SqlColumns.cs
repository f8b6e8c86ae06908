using System.Data.Common;
using System.Globalization;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// Reads one column of the current row by its name (the statement's alias) or position, as the row classes need it.
/// Numbers are converted, not cast: SQLite gives every INTEGER as a long, PostgreSQL an int, short or long by the
/// column's type, and a SUM a bigint or numeric. A NULL gives null, or, for a column read as not nullable, the row
/// class's default (the property keeps its initial value).
/// </summary>
internal static class SqlColumns
{
    public static string Text(this DbDataReader row, string column, string whenNull = "") => row.OptionalText(column) ?? whenNull;

    public static string? OptionalText(this DbDataReader row, string column) => row.OptionalText(row.GetOrdinal(column));

    public static string? OptionalText(this DbDataReader row, int ordinal) => row.GetValue(ordinal) switch
    {
        DBNull => null,
        string text => text,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    public static long Long(this DbDataReader row, string column) => row.OptionalLong(column) ?? 0;

    public static long? OptionalLong(this DbDataReader row, string column) => row.OptionalLong(row.GetOrdinal(column));

    public static long? OptionalLong(this DbDataReader row, int ordinal) => row.GetValue(ordinal) switch
    {
        DBNull => null,
        long number => number,
        var other => Convert.ToInt64(other, CultureInfo.InvariantCulture),
    };

    public static double? OptionalDouble(this DbDataReader row, string column) => row.GetValue(row.GetOrdinal(column)) switch
    {
        DBNull => null,
        double number => number,
        var other => Convert.ToDouble(other, CultureInfo.InvariantCulture),
    };
}
