namespace ModelRelease;

/// <summary>One inconsistency Verify found between the store and the serving root, with its fix.</summary>
/// <param name="Kind">What sort: <c>hash</c>, <c>missing-version</c>, <c>unknown-directory</c>, <c>leftover</c>, <c>link</c>, <c>config</c>, <c>journal</c>, <c>execution</c>.</param>
/// <param name="Path">The path (or execution) it is about.</param>
/// <param name="Problem">What is wrong.</param>
/// <param name="Fix">What fixes it.</param>
/// <param name="Repairable">True when <c>Verify --repair</c> fixes it safely; false when it needs a person (a damaged or missing version).</param>
public sealed record VerifyFinding(string Kind, string Path, string Problem, string Fix, bool Repairable);
