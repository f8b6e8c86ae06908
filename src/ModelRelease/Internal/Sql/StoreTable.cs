namespace ModelRelease.Internal.Sql;

/// <summary>
/// One table as the store-to-store copier sees it: its columns in schema order, each spelled as a typed placeholder
/// where the stores differ (<c>time:</c> timestamptz, <c>json:</c> jsonb, <c>jsontext:</c> json), so a row reads as the
/// same text from SQLite and from PostgreSQL and is written back into either.
/// </summary>
/// <param name="Name">The table.</param>
/// <param name="Columns">Columns, e.g. <c>id</c>, <c>time:created_at</c>, <c>json:manifest</c>.</param>
internal sealed record StoreTable(string Name, IReadOnlyList<string> Columns)
{
    /// <summary>
    /// Every table of the newest schema except schema_info (each store records its own history), in an order that
    /// inserts every referenced row before the rows that refer to it.
    /// </summary>
    public static IReadOnlyList<StoreTable> All { get; } =
    [
        new("models", ["id", "name", "time:created_at"]),
        new("versions", [
            "id", "model_id", "name", "number", "digest", "json:manifest", "total_bytes", "file_count", "git_commit", "git_branch",
            "git_detached", "git_dirty", "git_remote", "git_tag", "git_source", "dataset_version", "dataset_source",
            "jsontext:hyperparameters", "jsontext:metrics", "time:created_at", "actor", "host", "ci_run_url", "blessing",
            "blessing_reason", "time:pruned_at", "ci_workflow", "ci_job",
        ]),
        new("labels", ["model_id", "label", "version_id", "weight", "time:updated_at"]),
        new("executions", [
            "id", "task", "model_id", "jsontext:arguments", "time:started_at", "time:finished_at", "outcome", "error", "actor", "host",
            "ci_run_url", "lease",
        ]),
        new("execution_links", ["execution_id", "version_id", "role"]),
        new("events", [
            "id", "model_id", "kind", "label", "from_version", "to_version", "actor", "host", "reason", "jsontext:evidence", "time:at",
            "execution_id",
        ]),
        new("registry_root", ["singleton", "root_id", "root_path", "time:bound_at", "generation"]),
        new("analysis_runs", [
            "id", "model_id", "canary_version_id", "stable_version_id", "weight", "json:checks", "time:started_at", "time:finished_at",
            "verdict", "decision", "execution_id",
        ]),
        new("analysis_measurements", [
            "id", "run_id", "check_name", "seq", "time:taken_at", "verdict", "canary_value", "stable_value", "canary_query",
            "stable_query", "detail", "execution_id",
        ]),
        new("version_images", ["id", "version_id", "repository", "json:tags", "digest", "time:pushed_at", "execution_id"]),
    ];

    /// <summary>True for tables keyed by a generated id (PostgreSQL identity, SQLite AUTOINCREMENT).</summary>
    public bool HasIdentity => Columns[0] == "id";

    /// <summary>The column's name without its kind.</summary>
    public static string ColumnName(string column) => column[(column.IndexOf(':') + 1)..];

    /// <summary>The column's kind: time, json, jsontext, or empty for a plain value.</summary>
    public static string KindOf(string column) => column.Contains(':', StringComparison.Ordinal) ? column[..column.IndexOf(':')] : "";

    /// <summary>A SELECT of every row, each column read as the text SQLite stores (through the dialect's placeholders).</summary>
    public string Select() =>
        $"SELECT {string.Join(", ", Columns.Select(c => KindOf(c) switch
        {
            "" => ColumnName(c),
            "time" => $"{{time:{ColumnName(c)}}}",
            _ => $"{{json:{ColumnName(c)}}}",
        }))} FROM {Name}";

    /// <summary>An INSERT of one row with parameters <c>@p0…</c>, keeping its id (<paramref name="overriding"/>: PostgreSQL's identity needs it said).</summary>
    public string Insert(bool overriding) =>
        $"INSERT INTO {Name} ({string.Join(", ", Columns.Select(ColumnName))}) {(overriding && HasIdentity ? "OVERRIDING SYSTEM VALUE " : "")}" +
        $"VALUES ({string.Join(", ", Columns.Select((c, i) => KindOf(c) is "" ? $"@p{i}" : $"{{{KindOf(c)}:@p{i}}}"))})";
}
