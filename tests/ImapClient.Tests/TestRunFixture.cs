using ImapClient.Tests.Infrastructure;

namespace ImapClient.Tests;

/// <summary>
/// Set-up and tear-down for the whole run: a <see cref="SetUpFixtureAttribute">set-up fixture</see> in the root namespace covers every test,
/// where one in a feature namespace would cover that namespace only.
/// </summary>
[SetUpFixture]
public sealed class TestRunFixture
{
    /// <summary>Stops the test Dovecot after the last test, if a fixture started it.</summary>
    [OneTimeTearDown]
    public Task StopDovecotAsync() => DovecotFixture.StopAsync();
}
