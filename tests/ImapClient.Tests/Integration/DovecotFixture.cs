using ImapClient.TestServer;

namespace ImapClient.Tests.Integration;

/// <summary>
/// One Dovecot for every test in this namespace, seeded with the RFC 3501 example mailbox (user mrc), with
/// special-use mailboxes (Sent, Drafts, Trash …) and a public namespace (<c>Public/</c>) as mail clients meet them.
/// Tests that change mail should use testuser or a mailbox of their own, so that mrc's INBOX stays as the RFC has it.
/// </summary>
[SetUpFixture]
public sealed class DovecotFixture
{
    private static DovecotServer? _server;

    public static DovecotServer Server =>
        _server ?? throw new InvalidOperationException("Dovecot runs only for tests in ImapClient.Tests.Integration.");

    [OneTimeSetUp]
    public async Task StartDovecotAsync()
    {
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

    [OneTimeTearDown]
    public async Task StopDovecotAsync()
    {
        if (Interlocked.Exchange(ref _server, null) is { } server)
        {
            await server.DisposeAsync();
        }
    }
}
