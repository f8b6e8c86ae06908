using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="LinkSafetyTests"/> on a fresh PostgreSQL database.</summary>
public sealed class LinkSafetyTests_Postgres() : LinkSafetyTests(StoreKind.Postgres);
