using ModelRelease.Tests.Registry;

namespace ModelRelease.Pipelines.Tests.Tasks;

/// <summary>The <see cref="TeamExtensionTests"/> on a fresh PostgreSQL database.</summary>
public sealed class TeamExtensionTests_Postgres() : TeamExtensionTests(StoreKind.Postgres);
