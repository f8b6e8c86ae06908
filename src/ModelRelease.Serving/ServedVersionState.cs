namespace ModelRelease.Serving;

/// <summary>One version of a served model and where it is in its life.</summary>
/// <param name="Number">The version's serving number (its directory under <c>&lt;model&gt;/serving/</c>).</param>
/// <param name="Version">The version's name (the <c>versions/&lt;name&gt;</c> directory its serving link points at).</param>
/// <param name="State">Its state.</param>
/// <param name="Error">Why it failed to load; null unless a load failed.</param>
public sealed record ServedVersionState(long Number, string Version, ServedState State, string? Error);
