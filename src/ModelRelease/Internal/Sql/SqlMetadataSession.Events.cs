namespace ModelRelease.Internal.Sql;

/// <summary>The audit log: its reads (filtered, paged newest first, through the indexes of schema 4) and its one write, an append.</summary>
internal sealed partial class SqlMetadataSession
{
    private const string EventColumns = """
        e.id AS Id, m.name AS Model, e.kind AS Kind, e.label AS Label, e.from_version AS FromVersion,
        e.to_version AS ToVersion, e.actor AS Actor, e.host AS Host, e.reason AS Reason, {json:e.evidence} AS Evidence,
        {time:e.at} AS At, e.execution_id AS ExecutionId
        FROM events e JOIN models m ON m.id = e.model_id
        """;

    public IReadOnlyList<RegistryEvent> Events(EventQuery query)
    {
        // Newest-first with a LIMIT, then reversed: "the last stable move" reads one row, not the whole log. Only the
        // filters given are in the SQL: "@model IS NULL OR …" would keep the planner from using an index at all.
        var kinds = query.Kinds?.Select(SqlValues.Word).ToList();
        var filters = new List<string>();
        if (query.Model is not null)
        {
            filters.Add("e.model_id = (SELECT id FROM models WHERE name = @model)");
        }

        if (query.Label is not null)
        {
            filters.Add("e.label = @label");
        }

        if (query.Since is not null)
        {
            // The events in the time range come from events_by_time, so the cost is the window's, not the log's. Ids
            // are not in time order (Adopt imports an old root's history after its live versions, and agents' clocks
            // differ), so "from the first id in range" would still walk back through most of the log.
            filters.Add("e.id IN (SELECT t.id FROM events t WHERE t.at >= {time:@since})");
        }

        if (kinds is not null)
        {
            filters.Add("e.kind {in:@kinds}");
        }

        if (query.Before is not null)
        {
            filters.Add("e.id < @before");
        }

        var sql = $"""
            SELECT {EventColumns}
            {(filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters))}
            ORDER BY e.id DESC
            {(query.Newest is null ? "" : "LIMIT @newest")}
            """;
        var parameters = new SqlParameters
        {
            { "model", query.Model },
            { "label", query.Label },
            { "since", SqlValues.Time(query.Since) },
            { "kinds", kinds },
            { "newest", query.Newest },
            { "before", query.Before },
        };
        var events = Query(sql, parameters, EventRow.Read)
            .Select(row => row.ToEvent())
            .ToList();
        events.Reverse();
        return events;
    }

    public IReadOnlyList<string> LabelsEverSet(string model) =>
        // A skip scan of events_by_model_label: one index seek per distinct label, however long the model's log is.
        Strings(
            """
            WITH RECURSIVE seen (label) AS (
                SELECT MIN(e.label) FROM events e WHERE e.model_id = (SELECT id FROM models WHERE name = @model) AND e.label IS NOT NULL
                UNION ALL
                SELECT (SELECT MIN(e.label) FROM events e WHERE e.model_id = (SELECT id FROM models WHERE name = @model) AND e.label > seen.label)
                FROM seen WHERE seen.label IS NOT NULL)
            SELECT label FROM seen WHERE label IS NOT NULL ORDER BY label
            """,
            new SqlParameters { { "model", model } });

    public long AppendEvent(EventDraft draft)
    {
        RequireWriter();
        var modelId = EnsureModel(draft.Model, draft.At);
        return SingleLong(
                """
                INSERT INTO events (model_id, kind, label, from_version, to_version, actor, host, reason, evidence, at, execution_id)
                VALUES (@modelId, @kind, @label, @from, @to, @actor, @host, @reason, {jsontext:@evidence}, {time:@at}, @executionId)
                RETURNING id
                """,
                new SqlParameters
                {
                    { "modelId", modelId },
                    { "kind", SqlValues.Word(draft.Kind) },
                    { "label", draft.Label },
                    { "from", draft.FromVersion },
                    { "to", draft.ToVersion },
                    { "actor", draft.Actor },
                    { "host", draft.Host },
                    { "reason", draft.Reason },
                    { "evidence", draft.Evidence },
                    { "at", SqlValues.Time(draft.At) },
                    { "executionId", draft.ExecutionId },
                });
    }
}
