using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ImageTaskTests"/> on a SQLite file in the serving root.</summary>
public sealed class ImageTaskTests_Sqlite() : ImageTaskTests(StoreKind.Sqlite);
