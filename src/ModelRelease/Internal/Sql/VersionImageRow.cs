namespace ModelRelease.Internal.Sql;

/// <summary>A version_images row joined with its model and version, as Dapper reads it.</summary>
internal sealed class VersionImageRow
{
    public string Model { get; set; } = "";
    public string Version { get; set; } = "";
    public string Repository { get; set; } = "";
    public string Tags { get; set; } = "[]";
    public string Digest { get; set; } = "";
    public string PushedAt { get; set; } = "";
    public long? ExecutionId { get; set; }

    public VersionImage ToImage() => new(Model, Version, Repository, SqlValues.ParseJson<List<string>>(Tags), Digest, SqlValues.ParseTime(PushedAt), ExecutionId);
}
