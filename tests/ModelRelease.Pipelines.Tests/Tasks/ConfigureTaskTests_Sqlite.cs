using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ConfigureTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class ConfigureTaskTests_Sqlite() : ConfigureTaskTests(StoreKind.Sqlite);
