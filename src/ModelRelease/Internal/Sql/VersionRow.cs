using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>A versions row; the column aliases in <see cref="SqlMetadataSession"/> match these names.</summary>
internal sealed class VersionRow
{
    public long Id { get; set; }
    public string Model { get; set; } = "";
    public string Name { get; set; } = "";
    public long Number { get; set; }
    public string Digest { get; set; } = "";
    public long TotalBytes { get; set; }
    public long FileCount { get; set; }
    public string GitCommit { get; set; } = "";
    public string? GitBranch { get; set; }
    public long GitDetached { get; set; }
    public long? GitDirty { get; set; }
    public string? GitRemote { get; set; }
    public string? GitTag { get; set; }
    public string GitSource { get; set; } = "";
    public string DatasetVersion { get; set; } = "";
    public string DatasetSource { get; set; } = "";
    public string Hyperparameters { get; set; } = "{}";
    public string Metrics { get; set; } = "{}";
    public string CreatedAt { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Host { get; set; } = "";
    public string? CiRunUrl { get; set; }
    public string? CiWorkflow { get; set; }
    public string? CiJob { get; set; }
    public string Blessing { get; set; } = "";
    public string? BlessingReason { get; set; }
    public string? PrunedAt { get; set; }

    /// <summary>The row the reader stands on, by column alias; a NULL leaves a property at its default.</summary>
    public static VersionRow Read(DbDataReader row) => new()
    {
        Id = row.Long("Id"),
        Model = row.Text("Model"),
        Name = row.Text("Name"),
        Number = row.Long("Number"),
        Digest = row.Text("Digest"),
        TotalBytes = row.Long("TotalBytes"),
        FileCount = row.Long("FileCount"),
        GitCommit = row.Text("GitCommit"),
        GitBranch = row.OptionalText("GitBranch"),
        GitDetached = row.Long("GitDetached"),
        GitDirty = row.OptionalLong("GitDirty"),
        GitRemote = row.OptionalText("GitRemote"),
        GitTag = row.OptionalText("GitTag"),
        GitSource = row.Text("GitSource"),
        DatasetVersion = row.Text("DatasetVersion"),
        DatasetSource = row.Text("DatasetSource"),
        Hyperparameters = row.Text("Hyperparameters", "{}"),
        Metrics = row.Text("Metrics", "{}"),
        CreatedAt = row.Text("CreatedAt"),
        Actor = row.Text("Actor"),
        Host = row.Text("Host"),
        CiRunUrl = row.OptionalText("CiRunUrl"),
        CiWorkflow = row.OptionalText("CiWorkflow"),
        CiJob = row.OptionalText("CiJob"),
        Blessing = row.Text("Blessing"),
        BlessingReason = row.OptionalText("BlessingReason"),
        PrunedAt = row.OptionalText("PrunedAt"),
    };

    public ModelVersion ToVersion() => new(
        Id,
        Model,
        Name,
        Number,
        Digest,
        TotalBytes,
        checked((int)FileCount),
        new GitProvenance(GitCommit, GitBranch, GitDetached != 0, GitDirty is { } dirty ? dirty != 0 : null, GitRemote, GitTag, SqlValues.ParseWord<GitProvenanceSource>(GitSource)),
        new ModelRelease.DatasetVersion(DatasetVersion, SqlValues.ParseWord<DatasetVersionSource>(DatasetSource)),
        SqlValues.ParseStringMap(Hyperparameters),
        SqlValues.ParseNumberMap(Metrics),
        SqlValues.ParseTime(CreatedAt),
        Actor,
        Host,
        CiRunUrl,
        SqlValues.ParseWord<Blessing>(Blessing),
        BlessingReason,
        SqlValues.ParseOptionalTime(PrunedAt))
    {
        CiWorkflow = CiWorkflow,
        CiJob = CiJob,
    };
}
