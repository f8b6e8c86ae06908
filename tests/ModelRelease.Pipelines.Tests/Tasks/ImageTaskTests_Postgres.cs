using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="ImageTaskTests"/> on a fresh PostgreSQL database.</summary>
public sealed class ImageTaskTests_Postgres() : ImageTaskTests(StoreKind.Postgres);
