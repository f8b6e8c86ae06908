namespace ModelRelease;

/// <summary>
/// A planned label change of one release step (canary, promote, rollback, label), made on a read of the store. It is
/// applied with the labels it read as preconditions, so a step planned before another job moved a label is refused
/// instead of undoing that job's work.
/// </summary>
/// <param name="Model">The model.</param>
/// <param name="Summary">One line saying what the step does, e.g. "promote v2 to stable (was v1); clear canary".</param>
/// <param name="Edits">The label edits, applied together in one transaction.</param>
/// <param name="Expectations">The labels the plan's decision rests on, as they were read: the step is refused if one moved since.</param>
/// <param name="Notes">What a reviewer should know, e.g. that the version skipped validation.</param>
public sealed record ReleaseStep(
    string Model,
    string Summary,
    IReadOnlyList<LabelEdit> Edits,
    IReadOnlyList<LabelExpectation> Expectations,
    IReadOnlyList<string> Notes)
{
    /// <summary>Where each edited label pointed when the step was planned (null when unset), for the plan's wording.</summary>
    public IReadOnlyDictionary<string, string?> Before { get; init; } = new Dictionary<string, string?>();

    /// <summary>True when the labels already say what the step wants: applying it writes nothing.</summary>
    public bool IsNoOp => Edits.Count == 0;

    /// <summary>
    /// A copy whose audit events carry <paramref name="evidence"/> (serialised to JSON) and, when given,
    /// <paramref name="reason"/>: what an automatic decision rests on, such as an analysis run's measurements.
    /// </summary>
    public ReleaseStep WithEvidence(object evidence, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return this with
        {
            Edits = Edits.Select(edit => edit with { Change = edit.Change with { Evidence = evidence, Reason = reason ?? edit.Change.Reason } }).ToList(),
        };
    }

    /// <summary>Adds the step's effects to <paramref name="plan"/>: each label move, the configs and the audit events.</summary>
    /// <param name="plan">The plan to add to.</param>
    /// <param name="layout">Where the configs are.</param>
    /// <param name="readiness">The server the move waits for (<see cref="RegistryOptions.Readiness"/>): the configs are then written in phases.</param>
    public void Describe(ChangePlan plan, ServingLayout layout, ServingReadiness? readiness = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(layout);
        if (IsNoOp)
        {
            return;
        }

        foreach (var edit in Edits)
        {
            var from = Before.GetValueOrDefault(edit.Label);
            var weight = edit.Change.Weight is { } w ? $" at {w}% of traffic" : "";
            if (edit.Version is { } to)
            {
                plan.MoveLabel($"{edit.Label} of {Model}", from, to + weight);
            }
            else
            {
                plan.Add(ChangeKind.Move, $"clear {edit.Label} of {Model} (was {from ?? "unset"})");
            }
        }

        var served = Edits.Where(e => e.Label is LabelNames.Stable or LabelNames.Canary).ToList();
        var incoming = served.Where(e => e.Version is { } v && !Before.Values.Contains(v)).Select(e => e.Version!).Distinct().ToList();
        if (readiness is null || served.Count == 0)
        {
            plan.Write(layout.ModelsConfigPath, "TF Serving: stable and canary as specific versions with labels" +
                (served.Count == 0 ? "" : "; no --serving-url, so it is written at once and the wait for the server is skipped"));
            plan.Write(layout.RoutingPath, "traffic weights");
        }
        else
        {
            var wait = $"up to {readiness.Timeout.TotalSeconds:0.#} s";
            if (incoming.Count > 0)
            {
                plan.Write(layout.ModelsConfigPath, $"phase 1: also load {string.Join(", ", incoming)}, labels unchanged; wait {wait} until {readiness.Server} says AVAILABLE, else put it back and move nothing");
            }

            plan.Write(layout.ModelsConfigPath, $"phase 2: move the labels, the outgoing version still loaded; wait {wait} until {readiness.Server} answers each moved label");
            plan.Write(layout.RoutingPath, "phase 2: traffic weights");
            plan.Write(layout.ModelsConfigPath, "phase 3: unload the versions no label serves any more");
        }

        plan.Record($"{Edits.Count} audit {(Edits.Count == 1 ? "event" : "events")} ({string.Join(", ", Edits.Select(e => EventKindNames.Of(e.Change.Kind)))})");
    }
}
