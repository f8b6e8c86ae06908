namespace ModelRelease.Internal.Sql;

/// <summary>
/// The PostgreSQL store's schema history. No PostgreSQL store existed before SQLite's schema 6, so its history starts
/// with one step that creates that schema whole, in PostgreSQL's types: timestamps <c>timestamptz</c>, ids identity
/// columns, JSON that is read back parsed <c>jsonb</c>, and JSON whose text is shown as recorded (hyperparameters,
/// metrics, task arguments, evidence) <c>json</c>, which checks the JSON but keeps its text and key order, so Status
/// and History read the same as from SQLite. Every later step is added here and to <see cref="SchemaMigrations"/>
/// with the same version number. Never edit a released step.
/// </summary>
internal static class PostgresSchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(6, "models, versions, labels, events, executions, root binding, analysis, images (schema 6 whole)", [
            """
            CREATE TABLE schema_info (
                version INTEGER NOT NULL PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at TIMESTAMPTZ NOT NULL)
            """,
            """
            CREATE TABLE models (
                id {identity},
                name TEXT NOT NULL UNIQUE,
                created_at TIMESTAMPTZ NOT NULL)
            """,
            """
            CREATE TABLE versions (
                id {identity},
                model_id BIGINT NOT NULL REFERENCES models (id),
                name TEXT NOT NULL,
                number BIGINT NOT NULL,
                digest TEXT NOT NULL,
                manifest JSONB NOT NULL,
                total_bytes BIGINT NOT NULL,
                file_count INTEGER NOT NULL,
                git_commit TEXT NOT NULL,
                git_branch TEXT,
                git_detached INTEGER NOT NULL,
                git_dirty INTEGER,
                git_remote TEXT,
                git_tag TEXT,
                git_source TEXT NOT NULL,
                dataset_version TEXT NOT NULL,
                dataset_source TEXT NOT NULL,
                hyperparameters JSON NOT NULL,
                metrics JSON NOT NULL,
                created_at TIMESTAMPTZ NOT NULL,
                actor TEXT NOT NULL,
                host TEXT NOT NULL,
                ci_run_url TEXT,
                blessing TEXT NOT NULL,
                blessing_reason TEXT,
                pruned_at TIMESTAMPTZ,
                ci_workflow TEXT,
                ci_job TEXT,
                UNIQUE (model_id, name),
                UNIQUE (model_id, number))
            """,
            "CREATE INDEX versions_by_digest ON versions (model_id, digest)",
            "CREATE INDEX versions_live ON versions (model_id, number) WHERE pruned_at IS NULL",
            """
            CREATE TABLE labels (
                model_id BIGINT NOT NULL REFERENCES models (id),
                label TEXT NOT NULL,
                version_id BIGINT NOT NULL REFERENCES versions (id),
                weight INTEGER,
                updated_at TIMESTAMPTZ NOT NULL,
                PRIMARY KEY (model_id, label))
            """,
            """
            CREATE TABLE executions (
                id {identity},
                task TEXT NOT NULL,
                model_id BIGINT REFERENCES models (id),
                arguments JSON NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                outcome TEXT NOT NULL,
                error TEXT,
                actor TEXT NOT NULL,
                host TEXT NOT NULL,
                ci_run_url TEXT,
                lease TEXT)
            """,
            "CREATE INDEX executions_by_model ON executions (model_id, id)",
            """
            CREATE TABLE execution_links (
                execution_id BIGINT NOT NULL REFERENCES executions (id),
                version_id BIGINT NOT NULL REFERENCES versions (id),
                role TEXT NOT NULL,
                PRIMARY KEY (execution_id, version_id, role))
            """,
            """
            CREATE TABLE events (
                id {identity},
                model_id BIGINT NOT NULL REFERENCES models (id),
                kind TEXT NOT NULL,
                label TEXT,
                from_version TEXT,
                to_version TEXT,
                actor TEXT NOT NULL,
                host TEXT NOT NULL,
                reason TEXT,
                evidence JSON,
                at TIMESTAMPTZ NOT NULL,
                execution_id BIGINT REFERENCES executions (id))
            """,
            "CREATE INDEX events_by_model_label ON events (model_id, label, id)",
            "CREATE INDEX events_by_model ON events (model_id, id)",
            "CREATE INDEX events_by_time ON events (at)",
            // One row: the serving root this schema belongs to. Each root has its own schema, so one database holds several.
            """
            CREATE TABLE registry_root (
                singleton INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
                root_id TEXT NOT NULL,
                root_path TEXT NOT NULL,
                bound_at TIMESTAMPTZ NOT NULL,
                generation BIGINT NOT NULL DEFAULT 0)
            """,
            """
            CREATE TABLE analysis_runs (
                id {identity},
                model_id BIGINT NOT NULL REFERENCES models (id),
                canary_version_id BIGINT NOT NULL REFERENCES versions (id),
                stable_version_id BIGINT NOT NULL REFERENCES versions (id),
                weight INTEGER NOT NULL,
                checks JSONB NOT NULL,
                started_at TIMESTAMPTZ NOT NULL,
                finished_at TIMESTAMPTZ,
                verdict TEXT NOT NULL,
                decision TEXT,
                execution_id BIGINT REFERENCES executions (id))
            """,
            "CREATE UNIQUE INDEX analysis_runs_open ON analysis_runs (model_id) WHERE finished_at IS NULL",
            "CREATE INDEX analysis_runs_by_model ON analysis_runs (model_id, id)",
            """
            CREATE TABLE analysis_measurements (
                id {identity},
                run_id BIGINT NOT NULL REFERENCES analysis_runs (id),
                check_name TEXT NOT NULL,
                seq INTEGER NOT NULL,
                taken_at TIMESTAMPTZ NOT NULL,
                verdict TEXT NOT NULL,
                canary_value DOUBLE PRECISION,
                stable_value DOUBLE PRECISION,
                canary_query TEXT NOT NULL,
                stable_query TEXT,
                detail TEXT,
                execution_id BIGINT REFERENCES executions (id),
                UNIQUE (run_id, check_name, seq))
            """,
            """
            CREATE TABLE version_images (
                id {identity},
                version_id BIGINT NOT NULL REFERENCES versions (id),
                repository TEXT NOT NULL,
                tags JSONB NOT NULL,
                digest TEXT NOT NULL,
                pushed_at TIMESTAMPTZ NOT NULL,
                execution_id BIGINT REFERENCES executions (id))
            """,
            "CREATE INDEX version_images_by_version ON version_images (version_id, id)",
        ], WithAppendOnlyEvents: true),
    ];

    /// <summary>The newest schema version this build knows; always SQLite's (a test holds them together).</summary>
    public static int Latest => All[^1].Version;
}
