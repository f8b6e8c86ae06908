using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ReservedVersionNameTests"/> on a SQLite file in the serving root.</summary>
public sealed class ReservedVersionNameTests_Sqlite() : ReservedVersionNameTests(StoreKind.Sqlite);
