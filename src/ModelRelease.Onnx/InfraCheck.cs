namespace ModelRelease.Onnx;

/// <summary>One row of an infra-validation: what was checked, what was found, what was expected, and the outcome.</summary>
/// <param name="Name">What was checked, e.g. <c>loads in ONNX Runtime</c>.</param>
/// <param name="Actual">What was found.</param>
/// <param name="Expected">What would pass.</param>
/// <param name="Outcome">Passed, failed, or not checked.</param>
public sealed record InfraCheck(string Name, string Actual, string Expected, InfraCheckOutcome Outcome);
