using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>A labels row joined with its version, as its statements alias the columns.</summary>
internal sealed class LabelRow
{
    public string Model { get; set; } = "";
    public string Label { get; set; } = "";
    public string Version { get; set; } = "";
    public long Number { get; set; }
    public long? Weight { get; set; }
    public string UpdatedAt { get; set; } = "";

    /// <summary>The row the reader stands on, by column alias; a NULL leaves a property at its default.</summary>
    public static LabelRow Read(DbDataReader row) => new()
    {
        Model = row.Text("Model"),
        Label = row.Text("Label"),
        Version = row.Text("Version"),
        Number = row.Long("Number"),
        Weight = row.OptionalLong("Weight"),
        UpdatedAt = row.Text("UpdatedAt"),
    };

    public LabelAssignment ToAssignment() =>
        new(Model, Label, Version, Number, Weight is { } w ? checked((int)w) : null, SqlValues.ParseTime(UpdatedAt));
}
