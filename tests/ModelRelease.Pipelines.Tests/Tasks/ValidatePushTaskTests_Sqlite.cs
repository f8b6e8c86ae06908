using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ValidatePushTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class ValidatePushTaskTests_Sqlite() : ValidatePushTaskTests(StoreKind.Sqlite);
