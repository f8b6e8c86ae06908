using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>A version_images row joined with its model and version, as its statements alias the columns.</summary>
internal sealed class VersionImageRow
{
    public string Model { get; set; } = "";
    public string Version { get; set; } = "";
    public string Repository { get; set; } = "";
    public string Tags { get; set; } = "[]";
    public string Digest { get; set; } = "";
    public string PushedAt { get; set; } = "";
    public long? ExecutionId { get; set; }

    /// <summary>The row the reader stands on, by column alias; a NULL leaves a property at its default.</summary>
    public static VersionImageRow Read(DbDataReader row) => new()
    {
        Model = row.Text("Model"),
        Version = row.Text("Version"),
        Repository = row.Text("Repository"),
        Tags = row.Text("Tags", "[]"),
        Digest = row.Text("Digest"),
        PushedAt = row.Text("PushedAt"),
        ExecutionId = row.OptionalLong("ExecutionId"),
    };

    public VersionImage ToImage() => new(Model, Version, Repository, SqlValues.ParseJson<List<string>>(Tags), Digest, SqlValues.ParseTime(PushedAt), ExecutionId);
}
