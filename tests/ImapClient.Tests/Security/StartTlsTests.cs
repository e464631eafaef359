using ImapClient.Tests.Infrastructure;
using static ImapClient.Tests.Infrastructure.SessionTestKit;

namespace ImapClient.Tests.Security;

/// <summary>STARTTLS's protocol steps over an in-memory pipe whose TLS handshake is simulated.</summary>
[TestFixture(Delivery.Whole)]
[TestFixture(Delivery.ByteByByte)]
public class StartTlsTests(Delivery delivery)
{
    [Test]
    public async Task Bytes_injected_after_the_OK_are_discarded_and_the_capabilities_are_asked_for_again()
    {
        await using var server = new ScriptedServer(delivery, allowPlaintext: false);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n");
        Assert.That(imap.IsEncrypted, Is.False);

        var upgrade = imap.StartTlsForTestAsync();
        var tag = await server.ExpectCommandAsync("STARTTLS");

        // The classic response injection: a man in the middle appends plaintext after the OK, hoping the client
        // reads it as if it came over TLS.
        await server.SendAsync($"{tag} OK Begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n* 99 EXISTS\r\n");
        await server.TlsStarted.WaitAsync(Patience);

        var capability = await server.ExpectCommandAsync("CAPABILITY");
        await server.SendAsync($"* CAPABILITY IMAP4rev1 AUTH=SCRAM-SHA-256\r\n{capability} OK done\r\n");
        await upgrade.WaitAsync(Patience);

        Assert.That(imap.IsEncrypted, Is.True);
        Assert.That(imap.Capabilities.SupportsAuthentication("PLAIN"), Is.False, "the injected capability was never read");
        Assert.That(imap.Capabilities.SupportsAuthentication("SCRAM-SHA-256"), Is.True);
        Assert.That(imap.Capabilities.LoginDisabled, Is.False, "the pre-TLS list is forgotten");

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task A_refused_STARTTLS_fails_with_the_servers_words_and_the_connection_stays_plaintext()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        var upgrade = imap.StartTlsForTestAsync();
        var tag = await server.ExpectCommandAsync("STARTTLS");
        await server.SendAsync($"{tag} NO TLS is broken today\r\n");
        var ex = await CatchAsync(upgrade);
        Assert.That(ex, Is.TypeOf<ImapCommandException>());
        Assert.That(ex!.Message, Does.Contain("TLS is broken today"));
        Assert.That(imap.IsEncrypted, Is.False);

        var noop = imap.NoopAsync();
        var noopTag = await server.ExpectCommandAsync("NOOP");
        await server.SendAsync($"{noopTag} OK\r\n");
        await noop.WaitAsync(Patience);
    }

    [Test]
    public async Task Nothing_else_is_written_between_STARTTLS_and_the_handshake()
    {
        await using var server = new ScriptedServer(delivery);
        await using var imap = await server.ConnectAsync("* OK [CAPABILITY IMAP4rev1 STARTTLS] ready\r\n");
        var upgrade = imap.StartTlsForTestAsync();
        var tag = await server.ExpectCommandAsync("STARTTLS");
        var noop = imap.NoopAsync();
        await AssertClientSilentAsync(server, "a command issued during STARTTLS waits for the handshake");
        await server.SendAsync($"{tag} OK go\r\n");
        await server.TlsStarted.WaitAsync(Patience);

        // After the handshake the capability refresh and the waiting NOOP may go in either order.
        var lines = new[] { await server.ReadLineAsync(), await server.ReadLineAsync() };
        Assert.That(lines.Select(l => SplitTag(l).Command), Is.EquivalentTo(new[] { "CAPABILITY", "NOOP" }));
        foreach (var line in lines)
        {
            await server.SendAsync($"{(SplitTag(line).Command == "CAPABILITY" ? "* CAPABILITY IMAP4rev1\r\n" : "")}{SplitTag(line).Tag} OK\r\n");
        }

        await Task.WhenAll(upgrade, noop).WaitAsync(Patience);
    }
}
