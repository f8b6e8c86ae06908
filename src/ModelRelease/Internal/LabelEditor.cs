using System.Text.Json;

namespace ModelRelease.Internal;

/// <summary>
/// Label changes: every edit is checked on a plain read first (bad input and no-op requests never lock or create
/// the store), then applied in one registry change with an audit event and a lineage link per label that moves.
/// </summary>
internal sealed class LabelEditor(ModelRegistry registry)
{
    public IReadOnlyList<LabelChangeResult> Change(string model, IReadOnlyList<LabelEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(edits);
        registry.RequireModelName(model);
        if (edits.Count == 0)
        {
            throw new ArgumentException("Give at least one label to change.", nameof(edits));
        }

        foreach (var edit in edits)
        {
            RegistryRules.RequireLabelName(edit.Label);
            if (edit.Version is null)
            {
                RegistryRules.RequireKind(edit.Change.Kind, EventKind.LabelClear, EventKind.Promote, EventKind.Rollback);
                if (edit.Change.Weight is not null)
                {
                    throw new RegistryException($"Clearing '{edit.Label}' takes no traffic weight. Drop --weight.");
                }
            }
            else
            {
                RegistryRules.RequireWeight(edit.Label, edit.Change.Weight);
                RegistryRules.RequireKind(edit.Change.Kind, EventKind.LabelMove, EventKind.Promote, EventKind.Rollback);
            }
        }

        if (edits.Select(e => e.Label).Distinct().Count() != edits.Count)
        {
            throw new RegistryException($"A label is changed twice in one request ({string.Join(", ", edits.Select(e => e.Label))}). Change each label once.");
        }

        // A first pass on a plain read refuses bad input and finds out whether anything would change at all.
        using (var reader = registry.Store.Read())
        {
            var planned = ApplyEdits(reader, writer: null, model, edits);
            if (planned.All(r => !r.Changed))
            {
                return planned;
            }
        }

        return registry.Change(model, precheck: null, writer => ApplyEdits(writer, writer, model, edits));
    }

    /// <summary>Checks each edit against <paramref name="state"/> and, given a writer, records the ones that change something.</summary>
    private List<LabelChangeResult> ApplyEdits(IMetadataReader state, IMetadataWriter? writer, string model, IReadOnlyList<LabelEdit> edits)
    {
        var labels = state.Labels(model);
        var results = new List<LabelChangeResult>(edits.Count);
        var now = registry.Now();
        foreach (var edit in edits)
        {
            var current = labels.FirstOrDefault(l => l.Label == edit.Label);
            if (edit.Version is { } version)
            {
                var target = RegistryRules.RequireVersion(state, model, version);
                if (target.IsPruned)
                {
                    throw new RegistryException(
                        $"Version '{version}' of model '{model}' was pruned on {target.PrunedAt:u}; its files are gone, so '{edit.Label}' cannot point at it. Pick a live version: {RegistryRules.LiveVersionList(state, model)}.");
                }

                var changed = current is null || current.Version != version || current.Weight != edit.Change.Weight;
                if (changed && writer is not null)
                {
                    writer.SetLabel(model, edit.Label, version, edit.Change.Weight, now);
                    writer.AppendEvent(registry.Event(model, edit.Change.Kind, edit.Label, current?.Version, version, edit.Change.Reason, edit.Change.Evidence ?? WeightEvidence(edit.Change.Weight), now));
                    registry.Link(writer, model, version, ExecutionRole.Input);
                }

                results.Add(new LabelChangeResult(model, edit.Label, current?.Version, version, changed));
            }
            else
            {
                if (current is not null && writer is not null)
                {
                    writer.ClearLabel(model, edit.Label);
                    writer.AppendEvent(registry.Event(model, edit.Change.Kind, edit.Label, current.Version, null, edit.Change.Reason, edit.Change.Evidence, now));
                    registry.Link(writer, model, current.Version, ExecutionRole.Input);
                }

                results.Add(new LabelChangeResult(model, edit.Label, current?.Version, null, current is not null));
            }
        }

        return results;
    }

    private static string? WeightEvidence(int? weight) => weight is null ? null : JsonSerializer.Serialize(new { weight });
}
