namespace ModelRelease.Internal;

/// <summary>
/// Prunes the versions of a model that <see cref="RetentionPlanner"/> does not keep.
/// </summary>
internal sealed class VersionPruner(ModelRegistry registry)
{
    /// <summary>The plan on a plain read: never creates, locks or writes the store.</summary>
    public PrunePlan Plan(string model, int keep)
    {
        Require(model, keep);
        using var reader = registry.Store.Read();
        return PlanFrom(reader, model, keep);
    }

    private void Require(string model, int keep)
    {
        registry.RequireModelName(model);
        RegistryRules.RequireKeep(keep);
    }

    private static PrunePlan PlanFrom(IMetadataReader state, string model, int keep)
    {
        RegistryRules.RequireModel(state, model);
        return RetentionPlanner.Plan(model, keep, state.Versions(model), state.Labels(model), LabelLog.PreviousStable(state, model)?.Name);
    }
}
