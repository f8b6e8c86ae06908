using Xunit.Abstractions;

namespace ModelRelease.Tests.Registry;

/// <summary>Thirty-two processes on one root and its SQLite file.</summary>
public sealed class ManyProcessTests_Sqlite(ITestOutputHelper output) : ManyProcessTests(StoreKind.Sqlite, output);
