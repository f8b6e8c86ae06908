namespace ModelRelease.Internal;

/// <summary>What is wrong with a condition, thrown inside the checker; <see cref="AnalysisCondition.Parse"/> turns it into the user's message with the condition's text and the fix.</summary>
internal sealed class ConditionProblem(string problem) : Exception(problem);
