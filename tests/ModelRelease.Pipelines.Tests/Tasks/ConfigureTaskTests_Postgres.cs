using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ConfigureTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ConfigureTaskTests_Postgres() : ConfigureTaskTests(StoreKind.Postgres);
