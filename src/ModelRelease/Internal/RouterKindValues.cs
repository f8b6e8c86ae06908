namespace ModelRelease.Internal;

/// <summary>Every <see cref="RouterKind"/>, for the loops over them that every label move runs.</summary>
internal static class RouterKindValues
{
    /// <summary>
    /// The untyped <see cref="Enum.GetValues(Type)"/> is precompiled with the framework; the generic one would be compiled
    /// at run time over this enum. Kept apart from <c>RouterConfig</c>, whose YAML serializer a move that renders no
    /// router file never needs to build.
    /// </summary>
    public static readonly RouterKind[] All = (RouterKind[])Enum.GetValues(typeof(RouterKind));
}
