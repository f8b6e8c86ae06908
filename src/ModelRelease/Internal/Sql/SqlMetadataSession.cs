using System.Data.Common;

namespace ModelRelease.Internal.Sql;

/// <summary>
/// Reads and writes rows through one connection and, for writers, one transaction that the store opened with
/// its database's exclusive-write form. The SQL here is shared by every backend; only the schema DDL differs.
/// </summary>
internal sealed partial class SqlMetadataSession : IMetadataWriter
{
    private const string VersionColumns = """
        v.id AS Id, m.name AS Model, v.name AS Name, v.number AS Number, v.digest AS Digest,
        v.total_bytes AS TotalBytes, v.file_count AS FileCount,
        v.git_commit AS GitCommit, v.git_branch AS GitBranch, v.git_detached AS GitDetached, v.git_dirty AS GitDirty,
        v.git_remote AS GitRemote, v.git_tag AS GitTag, v.git_source AS GitSource,
        v.dataset_version AS DatasetVersion, v.dataset_source AS DatasetSource,
        {json:v.hyperparameters} AS Hyperparameters, {json:v.metrics} AS Metrics, {time:v.created_at} AS CreatedAt,
        v.actor AS Actor, v.host AS Host, v.ci_run_url AS CiRunUrl, v.ci_workflow AS CiWorkflow, v.ci_job AS CiJob,
        v.blessing AS Blessing, v.blessing_reason AS BlessingReason, {time:v.pruned_at} AS PrunedAt
        FROM versions v JOIN models m ON m.id = v.model_id
        """;

    private const string ExecutionColumns = """
        x.id AS Id, x.task AS Task, m.name AS Model, {json:x.arguments} AS Arguments, {time:x.started_at} AS StartedAt,
        {time:x.finished_at} AS FinishedAt, x.outcome AS Outcome, x.error AS Error, x.actor AS Actor, x.host AS Host,
        x.ci_run_url AS CiRunUrl, {lease} AS Lease
        FROM executions x LEFT JOIN models m ON m.id = x.model_id
        """;

    /// <summary>The first schema with the registry_root table and execution leases.</summary>
    private const int RootSchema = 2;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly bool _writable;
    private readonly Func<DbException, Exception> _explain;
    private readonly int _schema;
    private readonly SqlDialect _dialect;
    private bool _committed;

    /// <summary>
    /// Wraps an open connection and its transaction: a writer's exclusive one, or a reader's, which holds one
    /// snapshot for the session's life. <paramref name="explain"/> turns the database's errors into messages.
    /// </summary>
    /// <paramref name="schema"/> is the store's schema version: a reader of a store an older ModelRelease wrote reads
    /// it as it is (reads never upgrade a store), leaving out what that schema does not have.
    /// <paramref name="dialect"/> spells the typed placeholders of the shared SQL; SQLite's by default.
    public SqlMetadataSession(DbConnection connection, DbTransaction transaction, bool writable, Func<DbException, Exception> explain, int schema = int.MaxValue, SqlDialect? dialect = null)
    {
        _schema = schema;
        _dialect = dialect ?? SqlDialect.Sqlite;
        _connection = connection;
        _transaction = transaction;
        _writable = writable;
        _explain = explain;
    }

    /// <summary>
    /// The session's connection, transaction and dialect, for the store-to-store copier only: it copies raw rows with
    /// their ids, which no typed method does, inside this session's snapshot (a reader) or its locked, migrated
    /// transaction (a writer).
    /// </summary>
    internal (DbConnection Connection, DbTransaction Transaction, SqlDialect Dialect) Raw => (_connection, _transaction, _dialect);

    /// <summary>The schema version this session reads (a writer's store was just brought to the newest).</summary>
    internal int Schema => _schema;

    public IReadOnlyList<string> Models() =>
        Strings("SELECT m.name FROM models m WHERE EXISTS (SELECT 1 FROM versions v WHERE v.model_id = m.id) ORDER BY m.name");

    public ModelVersion? FindVersion(string model, string name) =>
        Query($"SELECT {VersionColumns} WHERE m.name = @model AND v.name = @name", new SqlParameters { { "model", model }, { "name", name } }, VersionRow.Read)
            .SingleOrDefault()?.ToVersion();

    public ModelVersion? FindVersionByDigest(string model, string digest) =>
        Query(
                $"SELECT {VersionColumns} WHERE m.name = @model AND v.digest = @digest AND v.pruned_at IS NULL ORDER BY v.number DESC",
                new SqlParameters { { "model", model }, { "digest", digest } },
                VersionRow.Read)
            .FirstOrDefault()?.ToVersion();

    public IReadOnlyList<ModelVersion> Versions(string model, VersionQuery? query = null)
    {
        // Newest first with a LIMIT, then reversed, so "the newest 20" reads 20 rows; live versions come from the
        // partial index versions_live, so a model with years of pruned history costs what it serves.
        query ??= VersionQuery.All;
        var versions = Query(
                $"""
                SELECT {VersionColumns} WHERE v.model_id = (SELECT id FROM models WHERE name = @model)
                {(query.IncludePruned ? "" : "AND v.pruned_at IS NULL")}
                ORDER BY v.number DESC {(query.Newest is null ? "" : "LIMIT @newest")}
                """,
                new SqlParameters { { "model", model }, { "newest", query.Newest } },
                VersionRow.Read)
            .Select(row => row.ToVersion()).ToList();
        versions.Reverse();
        return versions;
    }

    /// <summary>Names only: a push on a model with years of history checks its new name without reading every version's row.</summary>
    public IReadOnlyList<string> VersionNames(string model) =>
        Strings("SELECT v.name FROM versions v WHERE v.model_id = (SELECT id FROM models WHERE name = @model)", new SqlParameters { { "model", model } });

    public VersionCounts CountVersions(string model) =>
        Query(
                """
                SELECT COALESCE(SUM(CASE WHEN v.pruned_at IS NULL THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN v.pruned_at IS NULL THEN 0 ELSE 1 END), 0)
                FROM versions v WHERE v.model_id = (SELECT id FROM models WHERE name = @model)
                """,
                new SqlParameters { { "model", model } },
                row => new VersionCounts(row.OptionalLong(0) ?? 0, row.OptionalLong(1) ?? 0))
            .Single();

    public VersionManifest? Manifest(string model, string name)
    {
        var json = Query(
                "SELECT {json:v.manifest} FROM versions v JOIN models m ON m.id = v.model_id WHERE m.name = @model AND v.name = @name",
                new SqlParameters { { "model", model }, { "name", name } },
                row => row.OptionalText(0))
            .SingleOrDefault();
        return json is null ? null : VersionManifest.FromJson(json);
    }

    public IReadOnlyList<LabelAssignment> Labels(string? model) =>
        Query(
                $$"""
                SELECT m.name AS Model, l.label AS Label, v.name AS Version, v.number AS Number, l.weight AS Weight, {time:l.updated_at} AS UpdatedAt
                FROM labels l JOIN models m ON m.id = l.model_id JOIN versions v ON v.id = l.version_id
                {{(model is null ? "" : "WHERE l.model_id = (SELECT id FROM models WHERE name = @model)")}}
                ORDER BY m.name, l.label
                """,
                new SqlParameters { { "model", model } },
                LabelRow.Read)
            .Select(row => row.ToAssignment()).ToList();

    public ExecutionRecord? FindExecution(long id) =>
        Query($"SELECT {Executions()} WHERE x.id = @id", new SqlParameters { { "id", id } }, ExecutionRow.Read)
            .Select(row => row.ToRecord(LinksOf(row.Id))).SingleOrDefault();

    public IReadOnlyList<ExecutionRecord> Executions(string? model) =>
        Query($"SELECT {Executions()} {(model is null ? "" : "WHERE x.model_id = (SELECT id FROM models WHERE name = @model)")} ORDER BY x.id", new SqlParameters { { "model", model } }, ExecutionRow.Read)
            .Select(row => row.ToRecord(LinksOf(row.Id))).ToList();

    public RootBinding? BoundRoot() => _schema < RootSchema
        ? null
        : Query(
                "SELECT root_id, root_path, {time:bound_at}, generation FROM registry_root",
                null,
                row => new RootBinding(row.OptionalText(0)!, row.OptionalText(1)!, SqlValues.ParseTime(row.OptionalText(2)!)) { Generation = row.OptionalLong(3) ?? 0 })
            .SingleOrDefault();

    public long AdvanceRoot()
    {
        RequireWriter();
        return SingleLongOrDefault("UPDATE registry_root SET generation = generation + 1 RETURNING generation");
    }

    public void BindRoot(RootBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);

        // Whether a store may be (re)bound is decided above the store: a new pair binds in its first change, and only
        // Adopt rebinds (a root that moved, or a copy made a root of its own, gets a new id).
        Execute(
            """
            INSERT INTO registry_root (singleton, root_id, root_path, bound_at, generation) VALUES (1, @rootId, @rootPath, {time:@boundAt}, @generation)
            ON CONFLICT (singleton) DO UPDATE SET root_id = excluded.root_id, root_path = excluded.root_path, bound_at = excluded.bound_at, generation = excluded.generation
            """,
            new SqlParameters { { "rootId", binding.RootId }, { "rootPath", binding.RootPath }, { "boundAt", SqlValues.Time(binding.BoundAt) }, { "generation", binding.Generation } });
    }

    public long? MaxNumber(string model) =>
        Query(
                "SELECT MAX(v.number) FROM versions v JOIN models m ON m.id = v.model_id WHERE m.name = @model",
                new SqlParameters { { "model", model } },
                row => row.OptionalLong(0))
            .SingleOrDefault();

    public ModelVersion InsertVersion(VersionDraft draft)
    {
        var modelId = EnsureModel(draft.Model, draft.CreatedAt);
        Execute(
            """
            INSERT INTO versions (model_id, name, number, digest, manifest, total_bytes, file_count,
                git_commit, git_branch, git_detached, git_dirty, git_remote, git_tag, git_source,
                dataset_version, dataset_source, hyperparameters, metrics, created_at, actor, host, ci_run_url,
                ci_workflow, ci_job, blessing, blessing_reason, pruned_at)
            VALUES (@modelId, @name, @number, @digest, {json:@manifest}, @totalBytes, @fileCount,
                @gitCommit, @gitBranch, @gitDetached, @gitDirty, @gitRemote, @gitTag, @gitSource,
                @datasetVersion, @datasetSource, {jsontext:@hyperparameters}, {jsontext:@metrics}, {time:@createdAt}, @actor, @host, @ciRunUrl,
                @ciWorkflow, @ciJob, @blessing, @blessingReason, NULL)
            """,
            new SqlParameters
            {
                { "modelId", modelId },
                { "name", draft.Name },
                { "number", draft.Number },
                { "digest", draft.Manifest.Digest },
                { "manifest", draft.Manifest.ToJson() },
                { "totalBytes", draft.Manifest.TotalBytes },
                { "fileCount", draft.Manifest.FileCount },
                { "gitCommit", draft.Git.Commit },
                { "gitBranch", draft.Git.Branch },
                { "gitDetached", draft.Git.IsDetached ? 1 : 0 },
                { "gitDirty", draft.Git.IsDirty is { } dirty ? (dirty ? 1 : 0) : (int?)null },
                { "gitRemote", draft.Git.RemoteUrl },
                { "gitTag", draft.Git.Tag },
                { "gitSource", SqlValues.Word(draft.Git.Source) },
                { "datasetVersion", draft.Dataset.Value },
                { "datasetSource", SqlValues.Word(draft.Dataset.Source) },
                // A map of strings is a map of strings-or-null ('!': the compiler does not widen a dictionary's values).
                { "hyperparameters", JsonText.StringMap(draft.Hyperparameters!) },
                { "metrics", JsonText.NumberDictionary(draft.Metrics) },
                { "createdAt", SqlValues.Time(draft.CreatedAt) },
                { "actor", draft.Actor },
                { "host", draft.Host },
                { "ciRunUrl", draft.CiRunUrl },
                { "ciWorkflow", draft.CiWorkflow },
                { "ciJob", draft.CiJob },
                { "blessing", SqlValues.Word(draft.Blessing) },
                { "blessingReason", draft.BlessingReason },
            });
        return FindVersion(draft.Model, draft.Name)!;
    }

    public void SetLabel(string model, string label, string version, int? weight, DateTimeOffset at)
    {
        var versionId = VersionId(model, version);
        Execute(
            """
            INSERT INTO labels (model_id, label, version_id, weight, updated_at)
            VALUES ((SELECT id FROM models WHERE name = @model), @label, @versionId, @weight, {time:@at})
            ON CONFLICT (model_id, label) DO UPDATE SET version_id = excluded.version_id, weight = excluded.weight, updated_at = excluded.updated_at
            """,
            new SqlParameters { { "model", model }, { "label", label }, { "versionId", versionId }, { "weight", weight }, { "at", SqlValues.Time(at) } });
    }

    public void ClearLabel(string model, string label) =>
        Execute("DELETE FROM labels WHERE model_id = (SELECT id FROM models WHERE name = @model) AND label = @label", new SqlParameters { { "model", model }, { "label", label } });

    public void SetBlessing(string model, string version, Blessing blessing, string? reason) =>
        Execute(
            "UPDATE versions SET blessing = @blessing, blessing_reason = @reason WHERE id = @id",
            new SqlParameters { { "blessing", SqlValues.Word(blessing) }, { "reason", reason }, { "id", VersionId(model, version) } });

    public void MarkPruned(string model, string version, DateTimeOffset at) =>
        Execute("UPDATE versions SET pruned_at = {time:@at} WHERE id = @id", new SqlParameters { { "at", SqlValues.Time(at) }, { "id", VersionId(model, version) } });

    public long StartExecution(ExecutionDraft draft)
    {
        RequireWriter();
        long? modelId = draft.Model is null ? null : EnsureModel(draft.Model, draft.StartedAt);
        return SingleLong(
                """
                INSERT INTO executions (task, model_id, arguments, started_at, finished_at, outcome, error, actor, host, ci_run_url, lease)
                VALUES (@task, @modelId, {jsontext:@arguments}, {time:@startedAt}, NULL, @outcome, NULL, @actor, @host, @ciRunUrl, @lease)
                RETURNING id
                """,
                new SqlParameters
                {
                    { "task", draft.Task },
                    { "modelId", modelId },
                    { "arguments", draft.Arguments },
                    { "startedAt", SqlValues.Time(draft.StartedAt) },
                    { "outcome", SqlValues.Word(ExecutionOutcome.Running) },
                    { "actor", draft.Actor },
                    { "host", draft.Host },
                    { "ciRunUrl", draft.CiRunUrl },
                    { "lease", draft.Lease },
                });
    }

    public void FinishExecution(long id, ExecutionOutcome outcome, string? error, DateTimeOffset at) =>
        Execute(
            "UPDATE executions SET outcome = @outcome, error = @error, finished_at = {time:@at} WHERE id = @id",
            new SqlParameters { { "id", id }, { "outcome", SqlValues.Word(outcome) }, { "error", error }, { "at", SqlValues.Time(at) } });

    public void LinkExecution(long id, string model, string version, ExecutionRole role) =>
        Execute(
            """
            INSERT INTO execution_links (execution_id, version_id, role) VALUES (@id, @versionId, @role)
            ON CONFLICT (execution_id, version_id, role) DO NOTHING
            """,
            new SqlParameters { { "id", id }, { "versionId", VersionId(model, version) }, { "role", SqlValues.Word(role) } });

    public void Commit()
    {
        RequireWriter();
        try
        {
            _transaction.Commit();
        }
        catch (DbException error)
        {
            throw _explain(error);
        }

        _committed = true;
    }

    public void Dispose()
    {
        try
        {
            if (!_committed)
            {
                _transaction.Rollback();
            }
        }
        catch (Exception error) when (error is DbException or ObjectDisposedException)
        {
            // A failed rollback (the connection broke) leaves nothing committed either; closing is what matters now.
            // Npgsql disposes a transaction whose connection broke during Commit, so Rollback then throws
            // ObjectDisposedException: it must not hide the explained error Commit is already throwing.
        }

        _transaction.Dispose();
        _connection.Dispose();
    }

    private string Executions() => ExecutionColumns.Replace("{lease}", _schema < RootSchema ? "NULL" : "x.lease", StringComparison.Ordinal);

    private List<ExecutionLink> LinksOf(long executionId) =>
        Query(
                """
                SELECT m.name, v.name, k.role FROM execution_links k
                JOIN versions v ON v.id = k.version_id JOIN models m ON m.id = v.model_id
                WHERE k.execution_id = @executionId ORDER BY m.name, v.number, k.role
                """,
                new SqlParameters { { "executionId", executionId } },
                row => new ExecutionLink(row.OptionalText(0)!, row.OptionalText(1)!, SqlValues.ParseWord<ExecutionRole>(row.OptionalText(2)!)));

    private long EnsureModel(string model, DateTimeOffset at)
    {
        Execute(
            "INSERT INTO models (name, created_at) VALUES (@model, {time:@at}) ON CONFLICT (name) DO NOTHING",
            new SqlParameters { { "model", model }, { "at", SqlValues.Time(at) } });
        return SingleLong("SELECT id FROM models WHERE name = @model", new SqlParameters { { "model", model } });
    }

    private long VersionId(string model, string version) =>
        SingleLongOrDefault(
                "SELECT v.id FROM versions v JOIN models m ON m.id = v.model_id WHERE m.name = @model AND v.name = @version",
                new SqlParameters { { "model", model }, { "version", version } }) is var id and > 0
            ? id
            : throw new RegistryException($"Model '{model}' has no version '{version}' (another job may have changed the registry meanwhile). Run the command again.");

    private void RequireWriter()
    {
        if (!_writable)
        {
            throw new InvalidOperationException("This session was opened for reading; open a writer to change the store.");
        }
    }
}
