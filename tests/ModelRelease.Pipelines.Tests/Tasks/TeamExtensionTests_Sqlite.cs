using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="TeamExtensionTests"/> on a SQLite file in the serving root.</summary>
public sealed class TeamExtensionTests_Sqlite() : TeamExtensionTests(StoreKind.Sqlite);
