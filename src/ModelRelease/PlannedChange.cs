namespace ModelRelease;

/// <summary>One effect a task would have, phrased so that "would " + <see cref="Description"/> reads as a sentence.</summary>
/// <param name="Kind">The sort of effect.</param>
/// <param name="Description">What would happen, e.g. "move stable of mnist from v1 to v2".</param>
public sealed record PlannedChange(ChangeKind Kind, string Description)
{
    /// <inheritdoc />
    public override string ToString() => "would " + Description;
}
