namespace ModelRelease.Internal.Sql;

/// <summary>
/// The schema's history. Never edit a released step: add a new one. A store whose schema is newer than
/// <see cref="Latest"/> was written by a newer ModelRelease and is refused rather than misread.
/// </summary>
internal static class SchemaMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "models, versions, labels, events, executions", [
            """
            CREATE TABLE schema_info (
                version INTEGER NOT NULL PRIMARY KEY,
                description TEXT NOT NULL,
                applied_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE models (
                id {identity},
                name TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL)
            """,
            """
            CREATE TABLE versions (
                id {identity},
                model_id BIGINT NOT NULL REFERENCES models (id),
                name TEXT NOT NULL,
                number BIGINT NOT NULL,
                digest TEXT NOT NULL,
                manifest TEXT NOT NULL,
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
                hyperparameters TEXT NOT NULL,
                metrics TEXT NOT NULL,
                created_at TEXT NOT NULL,
                actor TEXT NOT NULL,
                host TEXT NOT NULL,
                ci_run_url TEXT,
                blessing TEXT NOT NULL,
                blessing_reason TEXT,
                pruned_at TEXT,
                UNIQUE (model_id, name),
                UNIQUE (model_id, number))
            """,
            "CREATE INDEX versions_by_digest ON versions (model_id, digest)",
            """
            CREATE TABLE labels (
                model_id BIGINT NOT NULL REFERENCES models (id),
                label TEXT NOT NULL,
                version_id BIGINT NOT NULL REFERENCES versions (id),
                weight INTEGER,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (model_id, label))
            """,
            """
            CREATE TABLE executions (
                id {identity},
                task TEXT NOT NULL,
                model_id BIGINT REFERENCES models (id),
                arguments TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                outcome TEXT NOT NULL,
                error TEXT,
                actor TEXT NOT NULL,
                host TEXT NOT NULL,
                ci_run_url TEXT)
            """,
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
                evidence TEXT,
                at TEXT NOT NULL,
                execution_id BIGINT REFERENCES executions (id))
            """,
            "CREATE INDEX events_by_model_label ON events (model_id, label, id)",
        ], WithAppendOnlyEvents: true),
        new(2, "root binding, execution leases", [
            // One row: the serving root this store belongs to. A root records the same id in .modelrelease/root.json,
            // so a task given a store of another root (or a new one by a typo) refuses it instead of syncing to it.
            """
            CREATE TABLE registry_root (
                singleton INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
                root_id TEXT NOT NULL,
                root_path TEXT NOT NULL,
                bound_at TEXT NOT NULL,
                generation BIGINT NOT NULL DEFAULT 0)
            """,

            // "<pid>:<process start ticks>" of the process that runs the task, so Verify can tell a killed run from a live one.
            "ALTER TABLE executions ADD COLUMN lease TEXT",
        ]),
        new(3, "canary analysis runs and measurements", [
            // One run judges one canary version at one traffic step against one stable version; a later Analyze
            // continues the open run, so a scheduled job and a long single call reach the same verdict.
            """
            CREATE TABLE analysis_runs (
                id {identity},
                model_id BIGINT NOT NULL REFERENCES models (id),
                canary_version_id BIGINT NOT NULL REFERENCES versions (id),
                stable_version_id BIGINT NOT NULL REFERENCES versions (id),
                weight INTEGER NOT NULL,
                checks TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                verdict TEXT NOT NULL,
                decision TEXT,
                execution_id BIGINT REFERENCES executions (id))
            """,
            // At most one open run per model: two jobs starting an analysis at once continue the same run.
            "CREATE UNIQUE INDEX analysis_runs_open ON analysis_runs (model_id) WHERE finished_at IS NULL",
            "CREATE INDEX analysis_runs_by_model ON analysis_runs (model_id, id)",
            // (run, check, seq) is unique, so two jobs measuring the same canary at once cannot both count measurement n.
            """
            CREATE TABLE analysis_measurements (
                id {identity},
                run_id BIGINT NOT NULL REFERENCES analysis_runs (id),
                check_name TEXT NOT NULL,
                seq INTEGER NOT NULL,
                taken_at TEXT NOT NULL,
                verdict TEXT NOT NULL,
                canary_value DOUBLE PRECISION,
                stable_value DOUBLE PRECISION,
                canary_query TEXT NOT NULL,
                stable_query TEXT,
                detail TEXT,
                execution_id BIGINT REFERENCES executions (id),
                UNIQUE (run_id, check_name, seq))
            """,
        ]),
        new(4, "indexes for large registries", [
            // Live versions by number: a label move, the serving view and Status read these, never years of pruned rows.
            "CREATE INDEX versions_live ON versions (model_id, number) WHERE pruned_at IS NULL",
            // One model's log newest first (History --model, the last rollback), without reading other models' events.
            "CREATE INDEX events_by_model ON events (model_id, id)",
            // History --since: a time range of the log, however long the log is.
            "CREATE INDEX events_by_time ON events (at)",
            // One model's task runs (Status, Verify's look for runs left running).
            "CREATE INDEX executions_by_model ON executions (model_id, id)",
        ]),
        new(5, "serving images pushed per version", [
            // One row per image push: the digest pins what a deployment pulls, whatever happens to the tags later.
            // Tags are a JSON array, so the row reads the same in every database.
            """
            CREATE TABLE version_images (
                id {identity},
                version_id BIGINT NOT NULL REFERENCES versions (id),
                repository TEXT NOT NULL,
                tags TEXT NOT NULL,
                digest TEXT NOT NULL,
                pushed_at TEXT NOT NULL,
                execution_id BIGINT REFERENCES executions (id))
            """,
            "CREATE INDEX version_images_by_version ON version_images (version_id, id)",
        ]),
        new(6, "the CI workflow and job that pushed a version", [
            "ALTER TABLE versions ADD COLUMN ci_workflow TEXT",
            "ALTER TABLE versions ADD COLUMN ci_job TEXT",
        ]),
    ];

    /// <summary>The newest schema version this build knows.</summary>
    public static int Latest => All[^1].Version;
}
