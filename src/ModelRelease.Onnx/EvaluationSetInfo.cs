namespace ModelRelease.Onnx;

/// <summary>Which data an evaluation was measured on.</summary>
/// <param name="Path">The evaluation set file.</param>
/// <param name="Digest">Its SHA-256, <c>sha256:…</c>.</param>
/// <param name="Examples">How many labelled examples it holds.</param>
public sealed record EvaluationSetInfo(string Path, string Digest, int Examples);
