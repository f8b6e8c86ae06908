namespace ModelRelease.Internal;

/// <summary>
/// Label changes: every edit is checked on a plain read first (bad input and no-op requests never lock or create
/// the store), then applied in one registry change with an audit event and a lineage link per label that moves.
/// Expectations are checked in both passes: the read pass refuses early, the check under the lock is the one that counts.
/// </summary>
internal sealed class LabelEditor(ModelRegistry registry)
{
    public IReadOnlyList<LabelChangeResult> Change(string model, IReadOnlyList<LabelEdit> edits, IReadOnlyList<LabelExpectation> expectations)
    {
        ArgumentNullException.ThrowIfNull(edits);
        ArgumentNullException.ThrowIfNull(expectations);
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

        foreach (var expectation in expectations)
        {
            ArgumentNullException.ThrowIfNull(expectation, nameof(expectations));
            RegistryRules.RequireLabelName(expectation.Label);
            if (expectation.Version is not null)
            {
                RegistryRules.RequireVersionName(expectation.Version);
            }
        }

        if (expectations.Select(e => e.Label).Distinct().Count() != expectations.Count)
        {
            throw new RegistryException($"A label is expected twice in one request ({string.Join(", ", expectations.Select(e => e.Label))}). Give one expectation per label.");
        }

        // A first pass on a plain read refuses bad input and finds out whether anything would change at all.
        using (var reader = registry.OpenRead())
        {
            var planned = ApplyEdits(reader, writer: null, model, edits, expectations);
            if (planned.All(r => !r.Changed))
            {
                return planned;
            }
        }

        return registry.Change(model, precheck: null, writer => ApplyEdits(writer, writer, model, edits, expectations));
    }

    /// <summary>Checks the expectations and each edit against <paramref name="state"/> and, given a writer, records the edits that change something.</summary>
    private List<LabelChangeResult> ApplyEdits(IMetadataReader state, IMetadataWriter? writer, string model, IReadOnlyList<LabelEdit> edits, IReadOnlyList<LabelExpectation> expectations)
    {
        var labels = state.Labels(model);
        RequireExpected(labels, model, expectations);
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
                    writer.AppendEvent(registry.Event(model, edit.Change.Kind, edit.Label, current?.Version, version, edit.Change.Reason, EvidenceJson.Serialize(edit.Change.Evidence) ?? WeightEvidence(edit.Change.Weight), now));
                    registry.Link(writer, model, version, ExecutionRole.Input);
                }

                results.Add(new LabelChangeResult(model, edit.Label, current?.Version, version, changed));
            }
            else
            {
                if (current is not null && writer is not null)
                {
                    writer.ClearLabel(model, edit.Label);
                    writer.AppendEvent(registry.Event(model, edit.Change.Kind, edit.Label, current.Version, null, edit.Change.Reason, EvidenceJson.Serialize(edit.Change.Evidence), now));
                    registry.Link(writer, model, current.Version, ExecutionRole.Input);
                }

                results.Add(new LabelChangeResult(model, edit.Label, current?.Version, null, current is not null));
            }
        }

        return results;
    }

    /// <summary>A step planned on a read; if a label it relied on has moved since, its plan is stale and must not be applied.</summary>
    private static void RequireExpected(IReadOnlyList<LabelAssignment> labels, string model, IReadOnlyList<LabelExpectation> expectations)
    {
        foreach (var expectation in expectations)
        {
            var now = labels.FirstOrDefault(l => l.Label == expectation.Label)?.Version;
            if (now == expectation.Version)
            {
                continue;
            }

            var isNow = now is null ? "is now unset" : $"now points at {now}";
            var was = expectation.Version ?? "unset";
            throw new RegistryException(
                $"{expectation.Label} of model '{model}' {isNow}, not {was} as when this step was planned: another job moved it. Run the step again to plan from the new state.");
        }
    }

    private static string? WeightEvidence(int? weight) => weight is not { } value ? null : JsonText.Write(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("weight", value);
        json.WriteEndObject();
    });
}
