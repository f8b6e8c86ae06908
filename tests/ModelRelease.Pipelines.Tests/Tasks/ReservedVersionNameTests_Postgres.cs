using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ReservedVersionNameTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ReservedVersionNameTests_Postgres() : ReservedVersionNameTests(StoreKind.Postgres);
