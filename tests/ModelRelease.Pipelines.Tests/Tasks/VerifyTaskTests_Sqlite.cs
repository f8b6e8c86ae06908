using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="VerifyTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class VerifyTaskTests_Sqlite() : VerifyTaskTests(StoreKind.Sqlite);
