using Xunit.Abstractions;

namespace ModelRelease.Tests.Registry;

/// <summary>Thirty-two processes on two roots sharing one PostgreSQL database (a schema each).</summary>
public sealed class ManyProcessTests_Postgres(ITestOutputHelper output) : ManyProcessTests(StoreKind.Postgres, output);
