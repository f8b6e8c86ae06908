namespace ModelRelease.Internal.Sql;

/// <summary>The serving images pushed per version.</summary>
internal sealed partial class SqlMetadataSession
{
    /// <summary>The first schema with the version_images table.</summary>
    private const int ImageSchema = 5;

    public IReadOnlyList<VersionImage> Images(string model, string? version = null) => _schema < ImageSchema
        ? []
        : Query(
                $$"""
                SELECT m.name AS Model, v.name AS Version, i.repository AS Repository, {json:i.tags} AS Tags, i.digest AS Digest,
                    {time:i.pushed_at} AS PushedAt, i.execution_id AS ExecutionId
                FROM version_images i JOIN versions v ON v.id = i.version_id JOIN models m ON m.id = v.model_id
                WHERE m.name = @model {{(version is null ? "" : "AND v.name = @version")}}
                ORDER BY i.id
                """,
                new SqlParameters { { "model", model }, { "version", version } },
                VersionImageRow.Read)
            .Select(row => row.ToImage())
            .ToList();

    public void AddImage(VersionImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        RequireWriter();
        Execute(
            """
            INSERT INTO version_images (version_id, repository, tags, digest, pushed_at, execution_id)
            VALUES (@versionId, @repository, {json:@tags}, @digest, {time:@at}, @executionId)
            """,
            new SqlParameters
            {
                { "versionId", VersionId(image.Model, image.Version) },
                { "repository", image.Repository },
                { "tags", SqlValues.Json(image.Tags) },
                { "digest", image.Digest },
                { "at", SqlValues.Time(image.PushedAt) },
                { "executionId", image.ExecutionId },
            });
    }
}
