namespace ModelRelease.Internal;

/// <summary>The two kinds of value a condition computes with.</summary>
internal enum ConditionType
{
    Number,
    Boolean,
}
