using ImapClient.TestServer;

namespace ImapClient.Tests.Infrastructure;

/// <summary>
/// One Dovecot for the whole run, seeded with the RFC 3501 example mailbox (user mrc), with special-use mailboxes
/// (Sent, Drafts, Trash …) and a public namespace (<c>Public/</c>) as mail clients meet them. The first fixture that
/// needs it starts it (every such fixture derives from <see cref="DovecotTests"/>, whatever feature folder it is in),
/// and <see cref="TestRunFixture"/> stops it after the last test, so a run that needs no Dovecot starts none.
/// Tests that change mail should use testuser or a mailbox of their own, so that mrc's INBOX stays as the RFC has it.
/// </summary>
public static class DovecotFixture
{
    private static readonly SemaphoreSlim StartGate = new(1, 1);
    private static DovecotServer? _server;

    /// <summary>The running Dovecot; only for fixtures that derive from <see cref="DovecotTests"/>.</summary>
    public static DovecotServer Server
    {
        get
        {
            // Without this check a fixture that forgot the base class would pass in a full run (another fixture
            // started Dovecot first) and fail only when run alone.
            var className = TestContext.CurrentContext.Test.ClassName;
            if (className is not null && typeof(DovecotFixture).Assembly.GetType(className) is { } fixture
                && !fixture.IsSubclassOf(typeof(DovecotTests)))
            {
                throw new InvalidOperationException(
                    $"{fixture.Name} uses the test Dovecot but does not derive from DovecotTests, which starts it.");
            }

            return _server ?? throw new InvalidOperationException(
                "Dovecot is not running: it starts in the one-time set-up of fixtures that derive from DovecotTests.");
        }
    }

    /// <summary>Starts and seeds Dovecot unless an earlier fixture has.</summary>
    internal static async Task StartOnceAsync()
    {
        await StartGate.WaitAsync();
        try
        {
            if (_server is not null)
            {
                return;
            }

            var server = await DovecotServer.StartAsync(new DovecotServerOptions
            {
                TimeZone = Rfc3501Seed.TimeZone,
                SpecialUseMailboxes = true,
                PublicNamespace = true,
                Compression = true,
            });
            try
            {
                await Rfc3501Seed.SeedIntoAsync(server);
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }

            _server = server;
        }
        finally
        {
            StartGate.Release();
        }
    }

    /// <summary>Stops Dovecot if a fixture started it.</summary>
    internal static async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }
}

/// <summary>The base of every fixture that talks to the shared test Dovecot (<see cref="DovecotFixture"/>).</summary>
public abstract class DovecotTests
{
    /// <summary>Starts the run's one Dovecot before this fixture's first test, unless it is already running.</summary>
    [OneTimeSetUp]
    public Task StartSharedDovecotAsync() => DovecotFixture.StartOnceAsync();
}
