namespace ModelRelease.Internal.Sql;

/// <summary>A labels row joined with its version, as Dapper reads it.</summary>
internal sealed class LabelRow
{
    public string Model { get; set; } = "";
    public string Label { get; set; } = "";
    public string Version { get; set; } = "";
    public long Number { get; set; }
    public long? Weight { get; set; }
    public string UpdatedAt { get; set; } = "";

    public LabelAssignment ToAssignment() =>
        new(Model, Label, Version, Number, Weight is { } w ? checked((int)w) : null, SqlValues.ParseTime(UpdatedAt));
}
