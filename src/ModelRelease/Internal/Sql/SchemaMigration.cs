namespace ModelRelease.Internal.Sql;

/// <summary>One step of the schema's history. Steps are applied in order, each once, inside the write transaction.</summary>
/// <param name="Version">The schema version this step produces.</param>
/// <param name="Description">What it changes, recorded in schema_info.</param>
/// <param name="Statements">DDL, with dialect placeholders.</param>
/// <param name="WithAppendOnlyEvents">True when the dialect's append-only triggers for events are created by this step.</param>
internal sealed record SchemaMigration(int Version, string Description, IReadOnlyList<string> Statements, bool WithAppendOnlyEvents = false);
