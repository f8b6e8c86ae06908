namespace ModelRelease;

/// <summary>What a push would do, worked out by reading the artifact and the store without writing anything.</summary>
/// <param name="Model">The model.</param>
/// <param name="Existing">An unpruned version with the same bytes (or the same name) the push would resolve to; nothing is copied then.</param>
/// <param name="Name">The name the new version would get; a default name is the push second, so the real push may pick a later one.</param>
/// <param name="Number">The serving number it would get, likewise.</param>
/// <param name="Files">Files in the artifact.</param>
/// <param name="Bytes">Bytes in the artifact.</param>
/// <param name="Digest">The manifest digest.</param>
/// <param name="Git">The code provenance that would be recorded.</param>
/// <param name="Dataset">The dataset version that would be recorded.</param>
public sealed record PushPlan(
    string Model,
    ModelVersion? Existing,
    string Name,
    long Number,
    int Files,
    long Bytes,
    string Digest,
    GitProvenance Git,
    DatasetVersion Dataset)
{
    /// <summary>Adds the push's effects to <paramref name="plan"/>.</summary>
    public void Describe(ChangePlan plan, ServingLayout layout)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(layout);
        if (Existing is { } existing)
        {
            plan.Record($"a repeated push of {Model} {existing.Name} (same bytes, {Digest[..19]}…); nothing is copied");
            return;
        }

        plan.Copy(Files, Bytes, layout.VersionDirectory(Model, Name));
        plan.Record($"version {Model} {Name} (serving number {Number}, commit {ReleaseText.ShortCommit(Git)}, dataset {Dataset.Value})");
        plan.Add(ChangeKind.Move, $"link {layout.ServingPath(Model, Number)} to versions/{Name}");
    }
}
