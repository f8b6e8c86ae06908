using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="LinkSafetyTests"/> on a SQLite file in the serving root.</summary>
public sealed class LinkSafetyTests_Sqlite() : LinkSafetyTests(StoreKind.Sqlite);
